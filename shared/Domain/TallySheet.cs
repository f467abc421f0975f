namespace HybridVote.Domain;

/// <summary>One list of a constituency as a tally sheet has it: its number and how many effective and substitute candidates it has.</summary>
public sealed record TallyList(int Number, int Effective, int Substitutes);

/// <summary>
/// The fields of a counting bureau's tally sheet for one constituency (REQUIREMENTS §6, FR009):
/// ballots opened (R), ballots per class, valid ballots (V); per list its valid ballots, of which
/// list vote only (head-of-list box) and with preference votes; per candidate, effective and
/// substitute, the preference votes. Each field has a stable key, so two entries of the same sheet
/// compare field by field.
/// </summary>
public sealed class TallyLayout(IReadOnlyList<TallyList> lists)
{
    /// <summary>Key of R, the ballots opened.</summary>
    public const string Opened = "R";

    /// <summary>Key of V, the valid ballots.</summary>
    public const string Valid = "V";

    /// <summary>The layout of the sheet of a constituency's candidate lists.</summary>
    public static TallyLayout Of(IEnumerable<CandidateListDefinition> lists) => new([.. lists.Select(l => new TallyList(l.Number, l.Effective.Count, l.Substitutes.Count))]);

    /// <summary>The lists, in number order.</summary>
    public IReadOnlyList<TallyList> Lists { get; } = [.. lists.OrderBy(l => l.Number)];

    /// <summary>Key of the ballots of a class.</summary>
    public static string Class(BallotClassification c) => "class:" + c.Code();

    /// <summary>Key of a list's valid ballots.</summary>
    public static string ListTotal(int list) => $"list:{list}:total";

    /// <summary>Key of a list's ballots with a vote in the head-of-list box only.</summary>
    public static string ListOnly(int list) => $"list:{list}:list-only";

    /// <summary>Key of a list's ballots with preference votes.</summary>
    public static string WithPreferences(int list) => $"list:{list}:preferences";

    /// <summary>Key of a candidate's preference votes (position from 1, effective or substitute).</summary>
    public static string Candidate(int list, bool substitute, int position) => $"list:{list}:{(substitute ? "s" : "e")}{position}";

    /// <summary>Every field, in the order of the paper sheet.</summary>
    public IReadOnlyList<string> Fields => fields ??= [.. Enumerate()];

    private IReadOnlyList<string>? fields;

    private IEnumerable<string> Enumerate()
    {
        yield return Opened;
        foreach (var c in BallotClassifications.All)
        {
            yield return Class(c);
        }

        yield return Valid;
        foreach (var list in Lists)
        {
            yield return ListTotal(list.Number);
            yield return ListOnly(list.Number);
            yield return WithPreferences(list.Number);
            for (int p = 1; p <= list.Effective; p++)
            {
                yield return Candidate(list.Number, false, p);
            }

            for (int p = 1; p <= list.Substitutes; p++)
            {
                yield return Candidate(list.Number, true, p);
            }
        }
    }
}

/// <summary>A tally sheet's values, field by field (whole numbers of 0 or more).</summary>
public sealed record TallySheet(IReadOnlyDictionary<string, long> Values)
{
    /// <summary>The value of a field (0 when absent).</summary>
    public long this[string field] => Values.TryGetValue(field, out long v) ? v : 0;

    /// <summary>Whether two sheets have the same value in every field of the layout.</summary>
    public bool SameAs(TallySheet other, TallyLayout layout) => layout.Fields.All(f => this[f] == other[f]);
}
