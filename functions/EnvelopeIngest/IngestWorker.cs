using HybridVote.Hosting;
using HybridVote.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace HybridVote.EnvelopeIngest;

/// <summary>
/// The pump: processes batches while there is work, sleeps briefly when idle, and on SIGTERM
/// (KEDA scaling down) finishes the batch in hand before stopping — a batch is never cut in half
/// because it runs with its own token.
/// </summary>
public sealed partial class IngestWorker(IngestProcessor processor, ReceiptQueue queue, IOptions<IngestOptions> options, ILogger<IngestWorker> log) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                int claimed = await processor.ProcessBatchAsync(settings.BatchSize, CancellationToken.None);
                if (claimed == 0)
                {
                    var (depth, age) = await queue.DepthAndAgeAsync(stoppingToken);
                    HvMetrics.QueueDepth.Set(depth);
                    HvMetrics.QueueOldestAge.Set(age);
                    await Task.Delay(settings.IdleDelayMs, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (NpgsqlException e)
            {
                // The transaction rolled back: the receipts stay queued and are retried.
                HvMetrics.DatabaseErrors.WithLabels("unavailable").Inc();
                LogDatabaseDown(log, e.Message);
                await Task.Delay(1000, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }

        LogStopped(log);
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Error, Message = "Ingest batch failed, will retry: {Error}")]
    private static partial void LogDatabaseDown(ILogger logger, string error);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Ingest worker drained and stopped")]
    private static partial void LogStopped(ILogger logger);
}
