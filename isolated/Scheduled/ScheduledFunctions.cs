using HybridVote.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace HybridVote.Scheduled.Isolated;

/// <summary>
/// Timer triggers over the handlers the CronJobs run: the retention purge (NFR001, NFR011) and the
/// audit chain check (TR008). A failed check fails the invocation, which the Functions host reports.
/// </summary>
public sealed class ScheduledFunctions(RetentionPurge purge, NpgsqlDataSource db, ILogger<ScheduledFunctions> log)
{
    /// <summary>The actor the audit trail records for the scheduled purge.</summary>
    public const string Actor = "scheduler:retention-purge";

    /// <summary>Every hour at :30 (the chart's purge.schedule): purges the elections validated and not purged yet.</summary>
    [Function("RetentionPurge")]
    public async Task<int> PurgeAsync([TimerTrigger("0 30 * * * *")] TimerInfo timer, CancellationToken ct)
    {
        var outcomes = await purge.PurgeDueAsync(Actor, ct);
        foreach (var (election, outcome) in outcomes)
        {
            log.LogInformation("Retention purge of {Election}: {Outcome}", election, outcome.GetType().Name);
        }

        return outcomes.Count(o => o.Outcome is PurgeOutcome.Purged);
    }

    /// <summary>Every hour at :15 (the chart's auditVerify.schedule): checks the audit trail's hash chains; a broken chain throws.</summary>
    [Function("AuditVerify")]
    public async Task AuditVerifyAsync([TimerTrigger("0 15 * * * *")] TimerInfo timer, CancellationToken ct)
    {
        if (await AuditLog.VerifyAsync(db, ct) is long broken)
        {
            throw new InvalidOperationException($"The audit trail is broken at event {broken}.");
        }

        log.LogInformation("Audit trail intact");
    }
}
