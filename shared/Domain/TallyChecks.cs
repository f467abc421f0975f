namespace HybridVote.Domain;

/// <summary>Whether a check blocks (an error) or needs the president's typed explanation before the lock (a warning).</summary>
public enum CheckSeverity
{
    /// <summary>F.xxx: the sheet cannot be locked until it is corrected.</summary>
    Error = 1,

    /// <summary>W.xxx: the lock waits for the president's explanation, which the PV prints.</summary>
    Warning = 2,
}

/// <summary>What a check is checked against besides the sheet.</summary>
/// <param name="Layout">The constituency's lists.</param>
/// <param name="Registered">K-codes the bureau registered per class, when known.</param>
/// <param name="BoxedByReception">Inner envelopes reception put in the box for this bureau (its accepted envelopes), when known.</param>
/// <param name="OtherLockedSheets">The locked sheets of the constituency's other bureaus.</param>
public sealed record CheckContext(TallyLayout Layout, IReadOnlyDictionary<BallotClassification, long>? Registered = null, long? BoxedByReception = null,
    IReadOnlyList<TallySheet>? OtherLockedSheets = null);

/// <summary>A check that did not pass: its code and the fields it concerns (e.g. the list).</summary>
public sealed record CheckFinding(string Code, CheckSeverity Severity, IReadOnlyList<string> Fields, IReadOnlyList<long> Figures);

/// <summary>One check of the catalogue: its code, severity and formula; messages for people are looked up by code.</summary>
public sealed record CheckDefinition(string Code, CheckSeverity Severity, string Formula, Func<TallySheet, CheckContext, IEnumerable<CheckFinding>> Evaluate);

/// <summary>
/// The one catalogue of the numbered checks of a tally sheet (FR009, OUT005; after the Kiesraad's
/// F.xxx errors and W.xxx warnings), used by the pages, the API, the PV and docs/checks.md. Whole
/// numbers only: a percentage threshold p % of R is compared as value × 100 ≥ p × R.
/// </summary>
public static class TallyChecks
{
    /// <summary>Every check, errors first, in code order.</summary>
    public static IReadOnlyList<CheckDefinition> All { get; } =
    [
        Error("F.101", "R = valid + doubtful-validated + doubtful-cancelled + blank-or-invalid + rejected-voted-in-person",
            (s, _) => Fail(s[TallyLayout.Opened] != BallotClassifications.All.Sum(c => s[TallyLayout.Class(c)]), [TallyLayout.Opened], s[TallyLayout.Opened], BallotClassifications.All.Sum(c => s[TallyLayout.Class(c)]))),
        Error("F.102", "V = R − blank-or-invalid − doubtful-cancelled − rejected-voted-in-person", (s, _) =>
        {
            long expected = s[TallyLayout.Opened] - s[TallyLayout.Class(BallotClassification.BlankOrInvalid)] - s[TallyLayout.Class(BallotClassification.DoubtfulCancelled)]
                - s[TallyLayout.Class(BallotClassification.RejectedVotedInPerson)];
            return Fail(s[TallyLayout.Valid] != expected, [TallyLayout.Valid], s[TallyLayout.Valid], expected);
        }),
        Error("F.103", "for every class, K-codes registered = ballots of the class on the sheet", (s, c) =>
            c.Registered is null ? [] : BallotClassifications.All.Where(k => c.Registered.GetValueOrDefault(k) != s[TallyLayout.Class(k)])
                .Select(k => Finding([TallyLayout.Class(k)], c.Registered.GetValueOrDefault(k), s[TallyLayout.Class(k)]))),
        Error("F.104", "V = sum of the lists' valid ballots", (s, c) =>
        {
            long sum = c.Layout.Lists.Sum(l => s[TallyLayout.ListTotal(l.Number)]);
            return Fail(s[TallyLayout.Valid] != sum, [TallyLayout.Valid], s[TallyLayout.Valid], sum);
        }),
        Error("F.105", "for every list, list vote only + with preference votes = the list's valid ballots", (s, c) =>
            c.Layout.Lists.Where(l => s[TallyLayout.ListOnly(l.Number)] + s[TallyLayout.WithPreferences(l.Number)] != s[TallyLayout.ListTotal(l.Number)])
                .Select(l => Finding([TallyLayout.ListTotal(l.Number)], l.Number, s[TallyLayout.ListTotal(l.Number)],
                    s[TallyLayout.ListOnly(l.Number)] + s[TallyLayout.WithPreferences(l.Number)]))),
        Error("F.106", "for every candidate, preference votes ≤ the list's ballots with preference votes", (s, c) =>
            c.Layout.Lists.SelectMany(l => Candidates(l).Where(key => s[key] > s[TallyLayout.WithPreferences(l.Number)])
                .Select(key => Finding([key], l.Number, s[key], s[TallyLayout.WithPreferences(l.Number)])))),
        Error("F.107", "R = inner envelopes reception put in the box for this bureau (the reception report's accepted envelopes)", (s, c) =>
            c.BoxedByReception is { } boxed ? Fail(s[TallyLayout.Opened] != boxed, [TallyLayout.Opened], s[TallyLayout.Opened], boxed) : []),
        Warning("W.201", "blank-or-invalid × 100 ≥ 3 × R", (s, _) =>
            Fail(s[TallyLayout.Opened] > 0 && s[TallyLayout.Class(BallotClassification.BlankOrInvalid)] * 100 >= 3 * s[TallyLayout.Opened],
                [TallyLayout.Class(BallotClassification.BlankOrInvalid)], s[TallyLayout.Class(BallotClassification.BlankOrInvalid)], s[TallyLayout.Opened])),
        Warning("W.202", "doubtful-cancelled × 100 ≥ 1 × R", (s, _) =>
            Fail(s[TallyLayout.Opened] > 0 && s[TallyLayout.Class(BallotClassification.DoubtfulCancelled)] * 100 >= s[TallyLayout.Opened],
                [TallyLayout.Class(BallotClassification.DoubtfulCancelled)], s[TallyLayout.Class(BallotClassification.DoubtfulCancelled)], s[TallyLayout.Opened])),
        Warning("W.203", "the sheet is identical to another bureau's locked sheet (entered twice?)", (s, c) =>
            Fail(s[TallyLayout.Opened] > 0 && (c.OtherLockedSheets ?? []).Any(o => o.SameAs(s, c.Layout)), [TallyLayout.Opened])),
    ];

    /// <summary>The check of a code, or null.</summary>
    public static CheckDefinition? Find(string code) => All.FirstOrDefault(c => c.Code == code);

    /// <summary>Every finding of every check on <paramref name="sheet"/>, in catalogue order.</summary>
    public static IReadOnlyList<CheckFinding> Run(TallySheet sheet, CheckContext context) => [.. All.SelectMany(c => c.Evaluate(sheet, context))];

    private static IEnumerable<string> Candidates(TallyList l) =>
        Enumerable.Range(1, l.Effective).Select(p => TallyLayout.Candidate(l.Number, false, p))
            .Concat(Enumerable.Range(1, l.Substitutes).Select(p => TallyLayout.Candidate(l.Number, true, p)));

    private static CheckDefinition Error(string code, string formula, Func<TallySheet, CheckContext, IEnumerable<CheckFinding>> evaluate) => Define(code, CheckSeverity.Error, formula, evaluate);

    private static CheckDefinition Warning(string code, string formula, Func<TallySheet, CheckContext, IEnumerable<CheckFinding>> evaluate) => Define(code, CheckSeverity.Warning, formula, evaluate);

    // Every finding carries its check's code and severity, whoever built it.
    private static CheckDefinition Define(string code, CheckSeverity severity, string formula, Func<TallySheet, CheckContext, IEnumerable<CheckFinding>> evaluate) =>
        new(code, severity, formula, (s, c) => evaluate(s, c).Select(f => f with { Code = code, Severity = severity }));

    private static CheckFinding Finding(IReadOnlyList<string> fields, params long[] figures) => new(string.Empty, default, fields, figures);

    // The single finding of a check that has one (its code and severity are filled in by Define).
    private static IEnumerable<CheckFinding> Fail(bool failed, IReadOnlyList<string> fields, params long[] figures)
    {
        if (failed)
        {
            yield return Finding(fields, figures);
        }
    }
}
