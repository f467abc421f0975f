namespace HybridVote.Domain;

/// <summary>
/// What a bureau's device credential may do (REQUIREMENTS §2: team A receives envelopes, team B
/// counts ballots). A credential has exactly one duty, so a reception scanner cannot register
/// counted ballots and a counting client cannot record envelopes (least privilege, ASVS V4.1.3).
/// </summary>
public enum BureauDuty
{
    /// <summary>Reception (team A): scanning outer envelopes.</summary>
    Reception = 1,

    /// <summary>Counting (team B): registering counted ballots.</summary>
    Counting = 2,
}

/// <summary>The one place where a duty becomes its stable code (database, command line) and back.</summary>
public static class BureauDuties
{
    private static readonly CodeTable<BureauDuty> Table = new(new Dictionary<BureauDuty, string>
    {
        [BureauDuty.Reception] = "reception",
        [BureauDuty.Counting] = "counting",
    });

    /// <summary>Every duty.</summary>
    public static IReadOnlyList<BureauDuty> All => Table.All;

    /// <summary>The stable code of a duty.</summary>
    public static string Code(this BureauDuty duty) => Table.Code(duty);

    /// <summary>The duty of a code, or null when the code is not one.</summary>
    public static BureauDuty? FromCode(string? code) => Table.FromCode(code);
}
