namespace HybridVote.Domain;

/// <summary>What the bureau's scan says: which bureau, for which election and constituency, when, and until when.</summary>
/// <param name="BureauId">The scanning bureau.</param>
/// <param name="ElectionId">The bureau's election.</param>
/// <param name="ContestId">The bureau's constituency.</param>
/// <param name="ScannedAt">When the envelope was scanned (UTC).</param>
/// <param name="Deadline">When in-person voting closes for the election (UTC).</param>
/// <param name="SecondEnvelope">The bureau confirmed that this is a second physical envelope of a voter whose envelope it already scanned (not the same envelope scanned again).</param>
public sealed record ReceiptFacts(string BureauId, string ElectionId, string ContestId, DateTimeOffset ScannedAt, DateTimeOffset Deadline, bool SecondEnvelope = false);

/// <summary>The envelope the label token belongs to.</summary>
/// <param name="ElectionId">The envelope's election.</param>
/// <param name="ContestId">The voter's constituency in that election.</param>
/// <param name="State">Its state before this receipt.</param>
public sealed record EnvelopeFacts(string ElectionId, string ContestId, EnvelopeState State);

/// <summary>
/// Decides what one scanned envelope does (FR008, HYP04, FR012). Pure: storage loads the facts and
/// writes the outcome; the ingest function calls the two in order.
/// </summary>
public static class ReceiptRules
{
    /// <summary>The outcome of <paramref name="receipt"/> for <paramref name="envelope"/> (null: no envelope has its token).</summary>
    public static ReceiptOutcome Decide(ReceiptFacts receipt, EnvelopeFacts? envelope)
    {
        if (envelope is null)
        {
            return new ReceiptOutcome.Rejected(RejectReason.UnknownLabelToken);
        }

        if (envelope.ElectionId != receipt.ElectionId)
        {
            return new ReceiptOutcome.Rejected(RejectReason.WrongElection);
        }

        // A bureau receives the envelopes of its own constituency only (ARCHITECTURE §6).
        if (envelope.ContestId != receipt.ContestId)
        {
            return new ReceiptOutcome.Rejected(RejectReason.WrongBureau);
        }

        // Hybrid envelopes must be in the bureau's hands before in-person voting closes (FR012).
        if (receipt.ScannedAt > receipt.Deadline)
        {
            return new ReceiptOutcome.Rejected(RejectReason.AfterDeadline);
        }

        var next = EnvelopeRules.ApplyReceipt(envelope.State, receipt.ScannedAt, receipt.BureauId, receipt.SecondEnvelope);
        if (next == envelope.State)
        {
            // The same envelope scanned again: nothing changes and the voter sees nothing (FR008).
            return new ReceiptOutcome.Rescan(envelope.State);
        }

        if (next.Duplicates > envelope.State.Duplicates)
        {
            return new ReceiptOutcome.Duplicate(next);
        }

        return next.Status == EnvelopeStatus.Cancelled ? new ReceiptOutcome.Cancelled(next) : new ReceiptOutcome.Accepted(next);
    }
}
