namespace HybridVote.Domain;

/// <summary>The time rules of one election (TR014, FR012). All instants are UTC.</summary>
/// <param name="IssueFrom">First moment a K-code may be issued (D-24).</param>
/// <param name="IssueUntil">Last moment a K-code may be issued.</param>
/// <param name="InPersonClose">When in-person voting closes; counting may start after it.</param>
/// <param name="ValidatedAt">When the election is validated and data is purged (NFR011).</param>
public sealed record ElectionCalendar(DateTimeOffset IssueFrom, DateTimeOffset IssueUntil, DateTimeOffset InPersonClose, DateTimeOffset ValidatedAt)
{
    /// <summary>K-codes and ballots may be issued now (FR006).</summary>
    public bool IssueOpen(DateTimeOffset now) => now >= IssueFrom && now < IssueUntil;

    /// <summary>Counted ballots may be registered only once in-person voting has closed (FR012, TR014).</summary>
    public bool RegistrationOpen(DateTimeOffset now) => now >= InPersonClose && now < ValidatedAt;

    /// <summary>The dates follow each other in the legal order.</summary>
    public bool IsInOrder => IssueFrom < IssueUntil && IssueUntil <= InPersonClose && InPersonClose < ValidatedAt;
}
