namespace HybridVote.Domain;

/// <summary>Where a tally sheet's double entry stands.</summary>
public enum EntryState
{
    /// <summary>The open fields wait for their first entry.</summary>
    AwaitingFirst = 1,

    /// <summary>The open fields wait for their second entry, by another typist, who does not see the first.</summary>
    AwaitingSecond = 2,

    /// <summary>The two entries differ: the president decides each differing field or sends it back.</summary>
    Differences = 3,

    /// <summary>Every field is settled: the sheet's values are final (until the lock, or an unlock).</summary>
    Definitive = 4,
}

/// <summary>Why an action on a double entry was refused.</summary>
public enum EntryRefusal
{
    /// <summary>The same person cannot type both entries of a round (SEC016).</summary>
    SameTypist = 1,

    /// <summary>The entry lacks a value for an open field, or has a negative one.</summary>
    Incomplete = 2,

    /// <summary>The action does not fit where the entry stands (e.g. a third entry, or a decision without differences).</summary>
    NotNow = 3,

    /// <summary>The president decided a field that does not differ.</summary>
    NotADifference = 4,
}

/// <summary>
/// How a field's value was settled: typed the same by two distinct typists in one round, or decided
/// by the president between differing entries (audited by the caller).
/// </summary>
public sealed record SettledValue(long Value, int Round, string? FirstTypist, string? SecondTypist, string? President);

/// <summary>The first entry of a round: who typed it and the values of the open fields (never shown to the second typist).</summary>
public sealed record RoundEntry(string Typist, IReadOnlyDictionary<string, long> Values);

/// <summary>
/// Blind double entry of one tally sheet (REQUIREMENTS §6; after the Kiesraad's practice), as an
/// immutable state machine: two different typists enter the open fields without seeing each other's
/// entry; equal fields are settled; differing fields go to the president, who decides each (with
/// the paper in hand) or sends it back, and only the sent-back fields are entered again, twice. No
/// path settles a value that two distinct typists did not both type in the same round or the
/// president did not decide.
/// </summary>
public sealed record DoubleEntry(
    EntryState State,
    int Round,
    IReadOnlyList<string> Open,
    IReadOnlyDictionary<string, SettledValue> Settled,
    RoundEntry? First,
    IReadOnlyDictionary<string, (long First, long Second)> Differing,
    string? SecondTypist,
    IReadOnlySet<string> SentBack)
{
    /// <summary>A sheet of <paramref name="layout"/> before any entry.</summary>
    public static DoubleEntry Start(TallyLayout layout) =>
        new(EntryState.AwaitingFirst, 1, layout.Fields, new Dictionary<string, SettledValue>(), null, new Dictionary<string, (long, long)>(), null, new HashSet<string>());

    /// <summary>The sheet's values once definitive; null before.</summary>
    public TallySheet? Values => State == EntryState.Definitive ? new TallySheet(Settled.ToDictionary(p => p.Key, p => p.Value.Value)) : null;

    /// <summary>A typist's entry of the open fields (extra fields are ignored).</summary>
    public (DoubleEntry Next, EntryRefusal? Refusal) Enter(string typist, IReadOnlyDictionary<string, long> values)
    {
        if (State is not (EntryState.AwaitingFirst or EntryState.AwaitingSecond))
        {
            return (this, EntryRefusal.NotNow);
        }

        if (Open.Any(f => !values.TryGetValue(f, out long v) || v < 0))
        {
            return (this, EntryRefusal.Incomplete);
        }

        var typed = Open.ToDictionary(f => f, f => values[f]);
        if (State == EntryState.AwaitingFirst)
        {
            return (this with { State = EntryState.AwaitingSecond, First = new RoundEntry(typist, typed) }, null);
        }

        // SEC016: the second entry is another person's.
        if (First!.Typist == typist)
        {
            return (this, EntryRefusal.SameTypist);
        }

        var settled = new Dictionary<string, SettledValue>(Settled);
        var differing = new Dictionary<string, (long, long)>();
        foreach (string field in Open)
        {
            if (First.Values[field] == typed[field])
            {
                settled[field] = new SettledValue(typed[field], Round, First.Typist, typist, null);
            }
            else
            {
                differing[field] = (First.Values[field], typed[field]);
            }
        }

        var next = this with { Settled = settled, Differing = differing, SecondTypist = typist, SentBack = new HashSet<string>() };
        return (differing.Count == 0 ? next.Finish() : next with { State = EntryState.Differences }, null);
    }

    /// <summary>
    /// The president's decision on one differing field: the value from the paper, or null to send
    /// the field back for entry again. When every differing field is handled, the round ends.
    /// </summary>
    public (DoubleEntry Next, EntryRefusal? Refusal) Decide(string president, string field, long? value)
    {
        if (State != EntryState.Differences)
        {
            return (this, EntryRefusal.NotNow);
        }

        if (!Differing.ContainsKey(field) || Settled.ContainsKey(field) || SentBack.Contains(field) || value < 0)
        {
            return (this, EntryRefusal.NotADifference);
        }

        var next = value is { } v
            ? this with { Settled = new Dictionary<string, SettledValue>(Settled) { [field] = new SettledValue(v, Round, null, null, president) } }
            : this with { SentBack = new HashSet<string>(SentBack) { field } };
        bool allHandled = next.Differing.Keys.All(f => next.Settled.ContainsKey(f) || next.SentBack.Contains(f));
        return (allHandled ? next.Finish() : next, null);
    }

    /// <summary>
    /// The president sends settled fields of a definitive (unlocked) sheet back for entry again —
    /// a figure found wrong against the paper, or after an unlock: a new round of those fields,
    /// typed twice by two typists; the other fields stay settled.
    /// </summary>
    /// <param name="fields">The fields, in the layout's order (the order the typists see them).</param>
    public (DoubleEntry Next, EntryRefusal? Refusal) Reopen(IReadOnlyCollection<string> fields)
    {
        if (State != EntryState.Definitive)
        {
            return (this, EntryRefusal.NotNow);
        }

        if (fields.Count == 0 || fields.Any(f => !Settled.ContainsKey(f)))
        {
            return (this, EntryRefusal.NotADifference);
        }

        var reopened = fields.ToHashSet(StringComparer.Ordinal);
        return (this with
        {
            State = EntryState.AwaitingFirst, Round = Round + 1, Open = [.. fields.Distinct(StringComparer.Ordinal)],
            Settled = Settled.Where(p => !reopened.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value), First = null, SecondTypist = null,
            Differing = new Dictionary<string, (long, long)>(), SentBack = new HashSet<string>(),
        }, null);
    }

    /// <summary>The fields the president still has to decide or send back.</summary>
    public IEnumerable<string> Undecided => Differing.Keys.Where(f => !Settled.ContainsKey(f) && !SentBack.Contains(f));

    // The end of a round: definitive when nothing was sent back, else a new round of the sent-back fields.
    private DoubleEntry Finish() => SentBack.Count == 0
        ? this with { State = EntryState.Definitive, Open = [], First = null }
        : this with { State = EntryState.AwaitingFirst, Round = Round + 1, Open = [.. Open.Where(SentBack.Contains)], First = null, SecondTypist = null, Differing = new Dictionary<string, (long, long)>(), SentBack = new HashSet<string>() };
}
