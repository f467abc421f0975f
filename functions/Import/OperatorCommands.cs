using System.Globalization;
using HybridVote.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace HybridVote.Import;

/// <summary><c>hv reconcile</c> and <c>hv rejects …</c>: the operators' view of the receipt flow.</summary>
public static class OperatorCommands
{
    /// <summary>Prints received/accepted/cancelled/duplicate/rejected/pending per bureau and whether each line adds up.</summary>
    public static async Task<int> ReconcileAsync(IServiceProvider services, CliArgs args)
    {
        var lines = await services.GetRequiredService<Reconciliation>().ReportAsync(args.Option("election"));
        Console.WriteLine($"{"election",-10} {"contest",-8} {"bureau",-12} {"received",9} {"accepted",9} {"cancel",7} {"dupl",6} {"reject",7} {"pending",8} {"ballots",8} {"copies",7}  check");
        foreach (var l in lines)
        {
            Console.WriteLine($"{l.ElectionId,-10} {l.ContestId,-8} {l.BureauId,-12} {l.Received,9} {l.Accepted,9} {l.Cancelled,7} {l.Duplicate,6} {l.Rejected,7} {l.Pending,8} {l.BallotsRegistered,8} {l.BallotCopies,7}  {(l.AddsUp ? "ok" : "DOES NOT ADD UP")}");
        }

        long received = lines.Sum(l => l.Received);
        long explained = lines.Sum(l => l.Accepted + l.Cancelled + l.Duplicate + l.Rejected + l.Pending);
        Console.WriteLine($"total: {received} received = {explained} accepted + cancelled + duplicate + rejected + pending: {(received == explained ? "adds up" : "DOES NOT ADD UP")}");
        return lines.All(l => l.AddsUp) ? 0 : 1;
    }

    /// <summary>Lists or re-queues rejected receipts.</summary>
    public static async Task<int> RejectsAsync(IServiceProvider services, CliArgs args, string actor)
    {
        var store = services.GetRequiredService<RejectStore>();
        switch (args.Word(1, "list or requeue"))
        {
            case "list":
                int limit = int.Parse(args.Option("limit") ?? "100", CultureInfo.InvariantCulture);
                foreach (var r in await store.ListAsync(args.Option("reason"), limit))
                {
                    Console.WriteLine($"{r.ReceiptId,10}  {r.BureauId,-12} {r.IdempotencyKey,-24} scanned {r.ScannedAt:u}  {r.Reason}");
                }

                return 0;
            case "requeue":
                long? id = args.Option("id") is { } s ? long.Parse(s, CultureInfo.InvariantCulture) : null;
                string? reason = args.Option("reason");
                if (id is null && reason is null)
                {
                    throw new UsageException("requeue needs --id N or --reason TEXT");
                }

                Console.WriteLine($"{await store.RequeueAsync(id, reason, actor)} receipts back in the queue");
                return 0;
            default:
                throw new UsageException("rejects takes list or requeue");
        }
    }
}
