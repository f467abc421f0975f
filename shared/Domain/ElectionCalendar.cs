namespace HybridVote.Domain;

/// <summary>The time rules of one election (TR014, FR012). All instants are UTC.</summary>
/// <param name="IssueFrom">First moment a K-code may be issued (D-24).</param>
/// <param name="IssueUntil">Last moment a K-code may be issued.</param>
/// <param name="InPersonClose">When in-person voting closes; counting may start after it.</param>
/// <param name="ValidatedAt">When the election is validated and data is purged (NFR011).</param>
/// <param name="ResultsFrom">The results embargo (FR012, TR014): no figure is computed, shown or exported before it
/// (the European Parliament's results wait for the time the calendar sets); null: in-person close.</param>
public sealed record ElectionCalendar(DateTimeOffset IssueFrom, DateTimeOffset IssueUntil, DateTimeOffset InPersonClose, DateTimeOffset ValidatedAt, DateTimeOffset? ResultsFrom = null)
{
    /// <summary>From when results may be computed, shown and exported: in-person close, or the embargo when it is later (FR012, TR014).</summary>
    public DateTimeOffset ResultsOpenFrom => ResultsFrom is { } embargo && embargo > InPersonClose ? embargo : InPersonClose;

    /// <summary>Whether results may be computed, shown and exported now (FR012, TR014).</summary>
    public bool ResultsOpen(DateTimeOffset now) => now >= ResultsOpenFrom;

    /// <summary>K-codes and ballots may be issued now (FR006).</summary>
    public bool IssueOpen(DateTimeOffset now) => now >= IssueFrom && now < IssueUntil;

    /// <summary>Counted ballots may be registered only once in-person voting has closed (FR012, TR014).</summary>
    public bool RegistrationOpen(DateTimeOffset now) => now >= InPersonClose && now < ValidatedAt;

    /// <summary>The dates follow each other in the legal order.</summary>
    public bool IsInOrder => Broken is null;

    /// <summary>The first rule of the legal order (TR014) these dates break, or null when they keep it.</summary>
    public CalendarRule? Broken =>
        !(IssueFrom < IssueUntil) ? CalendarRule.IssueStartsBeforeItEnds
        : !(IssueUntil <= InPersonClose) ? CalendarRule.IssueEndsByInPersonClose
        : !(InPersonClose < ValidatedAt) ? CalendarRule.InPersonClosesBeforeValidation
        : ResultsFrom is { } embargo && !(InPersonClose <= embargo && embargo < ValidatedAt) ? CalendarRule.ResultsBetweenCloseAndValidation
        : null;
}

/// <summary>The rules of an election calendar's order (TR014, FR012).</summary>
public enum CalendarRule
{
    /// <summary>K-code issuing starts before it ends.</summary>
    IssueStartsBeforeItEnds = 1,

    /// <summary>K-code issuing ends no later than in-person voting closes (counting starts after the close).</summary>
    IssueEndsByInPersonClose = 2,

    /// <summary>In-person voting closes before the election is validated (and its data purged).</summary>
    InPersonClosesBeforeValidation = 3,

    /// <summary>The results embargo lies between the in-person close and the validation.</summary>
    ResultsBetweenCloseAndValidation = 4,
}
