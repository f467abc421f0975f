namespace HybridVote.Domain;

/// <summary>
/// What a reception bureau is told about one scanned envelope (FR008, FR012): at intake, from the
/// envelope as it stands (provisional), and after ingest, from the outcome it applied (final).
/// </summary>
public enum ScanVerdict
{
    /// <summary>The voter's envelope, received in time: it counts.</summary>
    Accepted = 1,

    /// <summary>No envelope of any election was printed with this label (the check symbol tells a typo from a foreign label).</summary>
    UnknownLabel = 2,

    /// <summary>An envelope of another constituency or election: it goes to that constituency's main bureau.</summary>
    OtherConstituency = 3,

    /// <summary>This envelope was already received (when and where are given): the same envelope scanned again changes nothing.</summary>
    AlreadyReceived = 4,

    /// <summary>The voter voted in person: the envelope is cancelled and set aside unopened (HYP04).</summary>
    VotedInPerson = 5,

    /// <summary>Scanned after in-person voting closed: it does not count (FR012).</summary>
    Late = 6,

    /// <summary>A second physical envelope of a voter, confirmed by the bureau: only the first one counts.</summary>
    SecondEnvelope = 7,
}

/// <summary>The one mapping from an outcome to the verdict a bureau sees, and the verdicts' stable codes.</summary>
public static class ScanVerdicts
{
    private static readonly CodeTable<ScanVerdict> Table = new(new Dictionary<ScanVerdict, string>
    {
        [ScanVerdict.Accepted] = "accepted",
        [ScanVerdict.UnknownLabel] = "unknown-label",
        [ScanVerdict.OtherConstituency] = "other-constituency",
        [ScanVerdict.AlreadyReceived] = "already-received",
        [ScanVerdict.VotedInPerson] = "voted-in-person",
        [ScanVerdict.Late] = "late",
        [ScanVerdict.SecondEnvelope] = "second-envelope",
    });

    /// <summary>Every verdict, in declaration order.</summary>
    public static IReadOnlyList<ScanVerdict> All => Table.All;

    /// <summary>The stable code of a verdict (kebab case; page texts use the key <c>verdict-</c> + code).</summary>
    public static string Code(this ScanVerdict verdict) => Table.Code(verdict);

    /// <summary>The verdict of a stable code, or null when the code is unknown.</summary>
    public static ScanVerdict? FromCode(string? code) => Table.FromCode(code);

    /// <summary>The verdict a bureau sees for what <see cref="ReceiptRules.Decide"/> gave.</summary>
    public static ScanVerdict Of(ReceiptOutcome outcome) => outcome switch
    {
        ReceiptOutcome.Accepted => ScanVerdict.Accepted,
        ReceiptOutcome.Cancelled => ScanVerdict.VotedInPerson,
        ReceiptOutcome.Rescan => ScanVerdict.AlreadyReceived,
        ReceiptOutcome.Duplicate => ScanVerdict.SecondEnvelope,
        ReceiptOutcome.Rejected { Reason: RejectReason.UnknownLabelToken } => ScanVerdict.UnknownLabel,
        ReceiptOutcome.Rejected { Reason: RejectReason.AfterDeadline } => ScanVerdict.Late,
        ReceiptOutcome.Rejected => ScanVerdict.OtherConstituency,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "unknown outcome"),
    };

    /// <summary>
    /// The verdict of an outcome stored by ingest (its code and, for a reject, its reason code), or
    /// null for a code this version does not know.
    /// </summary>
    public static ScanVerdict? OfStored(string outcomeCode, string? rejectReasonCode) => outcomeCode switch
    {
        ReceiptOutcome.Codes.Accepted => ScanVerdict.Accepted,
        ReceiptOutcome.Codes.Cancelled => ScanVerdict.VotedInPerson,
        ReceiptOutcome.Codes.Rescan => ScanVerdict.AlreadyReceived,
        ReceiptOutcome.Codes.Duplicate => ScanVerdict.SecondEnvelope,
        ReceiptOutcome.Codes.Rejected when RejectReasons.FromCode(rejectReasonCode) is { } reason => Of(new ReceiptOutcome.Rejected(reason)),
        _ => null,
    };
}
