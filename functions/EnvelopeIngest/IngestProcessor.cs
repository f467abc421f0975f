using HybridVote.Hosting;
using HybridVote.Storage;

namespace HybridVote.EnvelopeIngest;

/// <summary>
/// Handles one batch: claim, apply, delete in one transaction (ReceiptQueue), then — only after
/// the commit — drop the cached status of every voter whose envelope changed.
/// </summary>
public sealed class IngestProcessor(ReceiptQueue queue, StatusCache cache)
{
    /// <summary>Processes one batch; returns how many receipts it claimed (0 when the queue is empty).</summary>
    public async Task<int> ProcessBatchAsync(int batchSize, CancellationToken ct)
    {
        var result = await queue.IngestBatchAsync(batchSize, ct);
        if (result.Claimed == 0)
        {
            return 0;
        }

        await cache.InvalidateAsync(result.TouchedVoters.Select(StatusCache.EnvelopeKey));
        foreach (var (outcome, count) in result.Outcomes)
        {
            HvMetrics.ReceiptsApplied.WithLabels(outcome).Inc(count);
        }

        return result.Claimed;
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
}
