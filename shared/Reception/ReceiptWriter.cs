using Microsoft.Extensions.Hosting;
using System.Threading.Channels;
using HybridVote.Storage;

namespace HybridVote.Reception;

/// <summary>A receipt as the queue stored it, with the facts its verdict is decided from.</summary>
public sealed record WrittenReceipt(EnqueuedReceipt Stored, ScanFacts? Facts);

/// <summary>
/// Group commit for intake (NFR006; durable before the answer, NFR005): the receipts of concurrent requests are written in one
/// transaction, so a peak of single-receipt requests costs one WAL flush per group instead of one
/// per receipt. A request is answered only after its group has committed; when the commit fails,
/// every request of the group gets the error (503) and nothing of it was acknowledged. Idle, a
/// request is written at once (a group of one). On shutdown, requests already handed over are
/// still written before the process exits. The facts of each receipt's verdict are read for the
/// whole group by one statement in the same round trip as the insert.
/// </summary>
public sealed class ReceiptWriter(ReceiptQueue queue, bool verdicts = true) : BackgroundService
{
    /// <summary>Receipts per transaction at most (one full batch request always fits).</summary>
    public const int MaxGroup = 2000;

    /// <summary>Transactions in flight at once: one flushes while the next group gathers.</summary>
    public const int Writers = 2;

    private readonly Channel<Pending> pending = Channel.CreateBounded<Pending>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.Wait });

    private sealed record Pending(IReadOnlyList<IncomingReceipt> Receipts, TaskCompletionSource<IReadOnlyList<WrittenReceipt>> Done);

    /// <summary>Stores the receipts durably and reads their verdict facts; completes after the commit.</summary>
    public async Task<IReadOnlyList<WrittenReceipt>> WriteAsync(IReadOnlyList<IncomingReceipt> receipts, CancellationToken ct)
    {
        var item = new Pending(receipts, new TaskCompletionSource<IReadOnlyList<WrittenReceipt>>(TaskCreationOptions.RunContinuationsAsynchronously));
        await pending.Writer.WriteAsync(item, ct);
        // Once handed over, the receipts are written even if the scanner hangs up; its retry with
        // the same idempotency keys then finds them.
        return await item.Done.Task;
    }

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(WriteGroupsAsync, CancellationToken.None)));

    /// <inheritdoc />
    public override Task StopAsync(CancellationToken cancellationToken)
    {
        pending.Writer.TryComplete();
        return base.StopAsync(cancellationToken);
    }

    private async Task WriteGroupsAsync()
    {
        var group = new List<Pending>();
        while (await pending.Reader.WaitToReadAsync())
        {
            group.Clear();
            int receipts = 0;
            while (receipts < MaxGroup && pending.Reader.TryRead(out var item))
            {
                group.Add(item);
                receipts += item.Receipts.Count;
            }

            if (group.Count > 0)
            {
                await CommitAsync(group);
            }
        }
    }

    // SQLSTATE classes 22 (data exception) and 23 (integrity constraint): the statement's values, not the server.
    private static bool IsAboutTheData(Npgsql.PostgresException e) => e.SqlState.StartsWith("22", StringComparison.Ordinal) || e.SqlState.StartsWith("23", StringComparison.Ordinal);

    private async Task CommitAsync(List<Pending> group)
    {
        try
        {
            var receipts = group.SelectMany(p => p.Receipts).ToList();
            var (stored, read) = verdicts
                ? await queue.EnqueueWithFactsAsync(receipts, CancellationToken.None)
                : (await queue.EnqueueAsync(receipts, CancellationToken.None), new ScanFacts[receipts.Count]);
            int offset = 0;
            foreach (var item in group)
            {
                var written = new WrittenReceipt[item.Receipts.Count];
                for (int i = 0; i < written.Length; i++)
                {
                    written[i] = new WrittenReceipt(stored[offset + i], read[offset + i]);
                }

                item.Done.TrySetResult(written);
                offset += item.Receipts.Count;
            }
        }
        catch (Npgsql.PostgresException e) when (group.Count > 1 && IsAboutTheData(e))
        {
            // The database refused the data of one request, not the connection: each request is
            // written on its own, so one bad request fails alone instead of its whole group.
            foreach (var item in group)
            {
                await CommitAsync([item]);
            }
        }
        catch (Exception e)
        {
            foreach (var item in group)
            {
                item.Done.TrySetException(e);
            }
        }
    }
}
