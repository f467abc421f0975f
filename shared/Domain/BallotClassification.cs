namespace HybridVote.Domain;

/// <summary>How a counting bureau classified a counted ballot (requirements §6, OUT005–OUT011).</summary>
public enum BallotClassification
{
    /// <summary>A valid vote.</summary>
    Valid = 1,

    /// <summary>Doubtful or contested, and validated by the bureau.</summary>
    DoubtfulValidated = 2,

    /// <summary>Doubtful or contested, and cancelled by the bureau.</summary>
    DoubtfulCancelled = 3,

    /// <summary>Blank or invalid.</summary>
    BlankOrInvalid = 4,

    /// <summary>Valid but rejected because the voter voted in person (HYP04, FR008).</summary>
    RejectedVotedInPerson = 5,
}

/// <summary>The one place where a classification becomes its stable code (API, database) and back.</summary>
public static class BallotClassifications
{
    private static readonly CodeTable<BallotClassification> Table = new(new Dictionary<BallotClassification, string>
    {
        [BallotClassification.Valid] = "valid",
        [BallotClassification.DoubtfulValidated] = "doubtful-validated",
        [BallotClassification.DoubtfulCancelled] = "doubtful-cancelled",
        [BallotClassification.BlankOrInvalid] = "blank-or-invalid",
        [BallotClassification.RejectedVotedInPerson] = "rejected-voted-in-person",
    });

    /// <summary>Every classification, in declaration order.</summary>
    public static IReadOnlyList<BallotClassification> All => Table.All;

    /// <summary>The stable code of a classification.</summary>
    public static string Code(this BallotClassification classification) => Table.Code(classification);

    /// <summary>The classification of a code, or null when the code is not one.</summary>
    public static BallotClassification? FromCode(string? code) => Table.FromCode(code);
}
