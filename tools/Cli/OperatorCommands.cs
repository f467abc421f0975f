using HybridVote.Domain;
using HybridVote.Imports;
using Microsoft.Extensions.DependencyInjection;

namespace HybridVote.Cli;

/// <summary><c>hv reconcile</c> and <c>hv rejects …</c>: the operators' view of the receipt flow.</summary>
public static class OperatorCommands
{
    /// <summary>
    /// Purges one election, or every election that is due (validated, not purged): prints what was
    /// deleted per table; exit 1 when the election is unknown or not validated yet (nothing deleted).
    /// </summary>
    public static async Task<int> PurgeAsync(IServiceProvider services, string? electionId, string actor)
    {
        var purge = services.GetRequiredService<HybridVote.Storage.RetentionPurge>();
        var outcomes = electionId is null ? await purge.PurgeDueAsync(actor) : [(electionId, await purge.PurgeAsync(electionId, actor))];
        if (outcomes.Count == 0)
        {
            Console.WriteLine("no election is due for purging");
            return 0;
        }

        int code = 0;
        foreach (var (id, outcome) in outcomes)
        {
            switch (outcome)
            {
                case HybridVote.Storage.PurgeOutcome.Purged p:
                    Console.WriteLine($"purged {id}: {string.Join(", ", p.Deleted.Select(d => $"{d.Key} {d.Value}"))}; "
                        + $"{p.Sessions} expired session revocations, {p.CacheKeys} cache keys; the counts and the audit chain stay");
                    break;
                case HybridVote.Storage.PurgeOutcome.NotValidatedYet n:
                    await Console.Error.WriteLineAsync($"hv: refused, nothing deleted: {id} is validated only at {n.ValidatedAt:u}");
                    code = 1;
                    break;
                default:
                    await Console.Error.WriteLineAsync($"hv: election {id} does not exist");
                    code = 1;
                    break;
            }
        }

        return code;
    }

    /// <summary>Prints received/accepted/cancelled/duplicate/rescan/rejected/pending per bureau, the president's hand counts at the close, and whether each line adds up; exit 1 when one does not (or a hand count differs).</summary>
    public static async Task<int> ReconcileAsync(IServiceProvider services, string? electionId)
    {
        var lines = await services.GetRequiredService<Reconciliation>().ReportAsync(electionId);
        Console.WriteLine($"{"election",-10} {"contest",-8} {"bureau",-12} {"received",9} {"accepted",9} {"cancel",7} {"dupl",6} {"rescan",6} {"reject",7} {"pending",8} {"ballots",8} {"copies",7} {"counted",13}  check");
        foreach (var l in lines)
        {
            Console.WriteLine($"{l.ElectionId,-10} {l.ContestId,-8} {l.BureauId,-12} {l.Received,9} {l.Accepted,9} {l.Cancelled,7} {l.Duplicate,6} {l.Rescan,6} {l.Rejected,7} {l.Pending,8} {l.BallotsRegistered,8} {l.BallotCopies,7} {Counted(l),13}  {Check(l)}");
        }

        long received = lines.Sum(l => l.Received);
        long explained = lines.Sum(l => l.Accepted + l.Cancelled + l.Duplicate + l.Rescan + l.Rejected + l.Pending);
        Console.WriteLine($"total: {received} received = {explained} accepted + cancelled + duplicate + rescan + rejected + pending: {(received == explained ? "adds up" : "DOES NOT ADD UP")}");
        return lines.All(l => l.AddsUp) ? 0 : 1;
    }

    // The president's hand counts at the close: for counting / set aside ("open" while intake is open).
    private static string Counted(ReconciliationLine l) => l.Counted is { } c ? $"{c.CountedAccepted}/{c.CountedSetAside}" : "open";

    private static string Check(ReconciliationLine l) =>
        !l.Figures.AddsUp ? "DOES NOT ADD UP"
        : l.Counted is { } c && !c.Agrees(l.Figures) ? $"HAND COUNT DIFFERS (system {l.Accepted}/{l.Figures.SetAside})"
        : "ok";

    /// <summary>Lists rejected receipts, with the stable code of their reason.</summary>
    public static async Task<int> ListRejectsAsync(IServiceProvider services, RejectReason? reason, int limit)
    {
        foreach (var r in await services.GetRequiredService<RejectStore>().ListAsync(reason, limit))
        {
            // The idempotency key is the scanner's text: printed escaped, never as terminal control.
            Console.WriteLine($"{r.ReceiptId,10}  {Terminal.Safe(r.BureauId),-12} {Terminal.Safe(r.IdempotencyKey),-24} scanned {r.ScannedAt:u}  {r.Reason.Code()}");
        }

        return 0;
    }

    /// <summary>Puts rejected receipts (one id, or all of a reason) back in the queue (audited).</summary>
    public static async Task<int> RequeueRejectsAsync(IServiceProvider services, long? id, RejectReason? reason, string actor)
    {
        if (id is null == reason is null)
        {
            throw new UsageException("requeue needs either --id N or --reason CODE");
        }

        Console.WriteLine($"{await services.GetRequiredService<RejectStore>().RequeueAsync(id, reason, actor)} receipts back in the queue");
        return 0;
    }
}
