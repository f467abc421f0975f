using HybridVote.Domain;
using HybridVote.Hosting;
using HybridVote.Storage;

namespace HybridVote.EnvelopeIngest;

/// <summary>
/// Handles one batch: claim (Storage), decide each receipt (Domain, <see cref="ReceiptRules"/>),
/// persist the outcomes and commit (Storage), then — only after the commit — drop the cached status
/// of every voter whose envelope changed.
/// </summary>
public sealed class IngestProcessor(ReceiptQueue queue, StatusCache cache)
{
    /// <summary>Processes one batch; returns how many receipts it claimed (0 when the queue is empty).</summary>
    public async Task<int> ProcessBatchAsync(int batchSize, CancellationToken ct)
    {
        await using var batch = await queue.ClaimAsync(batchSize, ct);
        if (batch is null)
        {
            return 0;
        }

        var decided = Decide(batch);
        var touchedVoters = await batch.CommitAsync(decided, ct);
        await cache.InvalidateAsync(touchedVoters.Select(StatusCache.EnvelopeKey));
        foreach (var group in decided.GroupBy(d => d.Outcome is ReceiptOutcome.Rejected r ? (d.Outcome.Code, r.Reason.Code()) : (d.Outcome.Code, string.Empty)))
        {
            HvMetrics.ReceiptsApplied.WithLabels(group.Key.Item1, group.Key.Item2).Inc(group.Count());
        }

        return batch.Receipts.Count;
    }

    /// <summary>Processes until the queue is empty (used by the CLI and tests).</summary>
    public async Task<int> DrainAsync(int batchSize, CancellationToken ct)
    {
        int total = 0, claimed;
        while ((claimed = await ProcessBatchAsync(batchSize, ct)) > 0)
        {
            total += claimed;
        }

        return total;
    }

    // Receipts of the same envelope in one batch are decided in scan order, each against the state
    // the previous one left (the first envelope wins, FR008).
    private static List<DecidedReceipt> Decide(IngestBatch batch)
    {
        var current = new Dictionary<byte[], EnvelopeFacts?>(ByteArrayComparer.Instance);
        var decided = new List<DecidedReceipt>(batch.Receipts.Count);
        foreach (var receipt in batch.Receipts)
        {
            if (!current.TryGetValue(receipt.LabelHash, out var envelope))
            {
                envelope = batch.Envelope(receipt.LabelHash);
            }

            var outcome = ReceiptRules.Decide(receipt.Facts, envelope);
            if (outcome.NextState is { } next)
            {
                envelope = envelope! with { State = next };
            }

            current[receipt.LabelHash] = envelope;
            decided.Add(new DecidedReceipt(receipt.Id, receipt.LabelHash, outcome));
        }

        return decided;
    }
}
