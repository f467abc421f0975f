namespace HybridVote.Domain;

/// <summary>Why a scanned envelope was not applied (ARCHITECTURE §4: it goes to the reject table, never vanishes).</summary>
public enum RejectReason
{
    /// <summary>No envelope was printed with this label token.</summary>
    UnknownLabelToken = 1,

    /// <summary>The envelope belongs to another election than the bureau's.</summary>
    WrongElection = 2,

    /// <summary>The envelope belongs to another constituency than the bureau's.</summary>
    WrongBureau = 3,

    /// <summary>Scanned after in-person voting closed (FR012).</summary>
    AfterDeadline = 4,
}

/// <summary>
/// The one place where a reject reason becomes a stable code (database, metrics, CLI). Words for
/// people are in the page layer's resources, under the key <c>reject-</c> + code.
/// </summary>
public static class RejectReasons
{
    private static readonly CodeTable<RejectReason> Table = new(new Dictionary<RejectReason, string>
    {
        [RejectReason.UnknownLabelToken] = "unknown-label-token",
        [RejectReason.WrongElection] = "wrong-election",
        [RejectReason.WrongBureau] = "wrong-bureau",
        [RejectReason.AfterDeadline] = "after-deadline",
    });

    /// <summary>Every reason, in declaration order.</summary>
    public static IReadOnlyList<RejectReason> All => Table.All;

    /// <summary>The stable code of a reason (kebab case).</summary>
    public static string Code(this RejectReason reason) => Table.Code(reason);

    /// <summary>The reason of a stable code, or null when the code is unknown.</summary>
    public static RejectReason? FromCode(string? code) => Table.FromCode(code);
}
