namespace HybridVote.Domain;

/// <summary>What one scanned envelope did (FR008). Closed: every receipt ends in exactly one of these.</summary>
public abstract record ReceiptOutcome
{
    private ReceiptOutcome()
    {
    }

    /// <summary>The stable code stored on the receipt and counted by reconciliation.</summary>
    public abstract string Code { get; }

    /// <summary>The first envelope of the voter: it counts.</summary>
    public sealed record Accepted(EnvelopeState Next) : ReceiptOutcome
    {
        /// <inheritdoc />
        public override string Code => Codes.Accepted;
    }

    /// <summary>The voter voted in person (HYP04): the envelope is cancelled.</summary>
    public sealed record Cancelled(EnvelopeState Next) : ReceiptOutcome
    {
        /// <inheritdoc />
        public override string Code => Codes.Cancelled;
    }

    /// <summary>A further envelope of a voter whose first one was already received: only the first counts.</summary>
    public sealed record Duplicate(EnvelopeState Next) : ReceiptOutcome
    {
        /// <inheritdoc />
        public override string Code => Codes.Duplicate;
    }

    /// <summary>The envelope already received, scanned again (not confirmed as a second envelope): nothing changes.</summary>
    public sealed record Rescan(EnvelopeState Current) : ReceiptOutcome
    {
        /// <inheritdoc />
        public override string Code => Codes.Rescan;
    }

    /// <summary>Not applied; kept in the reject table with its reason.</summary>
    public sealed record Rejected(RejectReason Reason) : ReceiptOutcome
    {
        /// <inheritdoc />
        public override string Code => Codes.Rejected;
    }

    /// <summary>The envelope state after this receipt, or null when nothing changed (rejected).</summary>
    public EnvelopeState? NextState => this switch
    {
        Accepted a => a.Next,
        Cancelled c => c.Next,
        Duplicate d => d.Next,
        _ => null,
    };

    /// <summary>The stable outcome codes, for storage that counts them (reconciliation).</summary>
    public static class Codes
    {
        /// <summary>Code of <see cref="ReceiptOutcome.Accepted"/>.</summary>
        public const string Accepted = "accepted";

        /// <summary>Code of <see cref="ReceiptOutcome.Cancelled"/>.</summary>
        public const string Cancelled = "cancelled";

        /// <summary>Code of <see cref="ReceiptOutcome.Duplicate"/>.</summary>
        public const string Duplicate = "duplicate";

        /// <summary>Code of <see cref="ReceiptOutcome.Rescan"/>.</summary>
        public const string Rescan = "rescan";

        /// <summary>Code of <see cref="ReceiptOutcome.Rejected"/>.</summary>
        public const string Rejected = "rejected";
    }
}
