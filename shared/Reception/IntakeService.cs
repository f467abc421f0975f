using HybridVote.Domain;
using HybridVote.Hosting;
using HybridVote.Storage;

namespace HybridVote.Reception;

/// <summary>
/// Validates scanned receipts and stores them durably in the queue before the scanner gets its
/// 202 (ARCHITECTURE §4, NFR005). Nothing is written unless every receipt of the request is valid.
/// </summary>
public sealed class IntakeService(ReceiptWriter writer, ScanLookup lookup, Pseudonyms pseudonyms, TimeProvider clock)
{
    /// <summary>Largest batch accepted in one request.</summary>
    public const int MaxBatch = 1000;

    /// <summary>Checks every receipt; returns the problems by index (empty when all are valid).</summary>
    public Dictionary<string, string[]> Validate(IReadOnlyList<ReceiptDto>? receipts)
    {
        var errors = new Dictionary<string, string[]>();
        if (receipts is null || receipts.Count == 0 || receipts.Count > MaxBatch)
        {
            errors["receipts"] = [$"send between 1 and {MaxBatch} receipts"];
            return errors;
        }

        var now = clock.GetUtcNow();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < receipts.Count; i++)
        {
            var r = receipts[i];
            if (r is null)
            {
                errors[$"receipts[{i}]"] = ["the receipt is null"];
                continue;
            }

            var problems = new List<string>();
            if (string.IsNullOrWhiteSpace(r.LabelToken) || r.LabelToken.Length > 64 || !r.LabelToken.All(LabelTokenChar))
            {
                problems.Add("labelToken is missing, longer than 64 characters, or not made of letters, digits and hyphens");
            }

            if (r.ScannedAt is null || r.ScannedAt > now.AddMinutes(5))
            {
                problems.Add("scannedAt is missing or in the future");
            }

            if (!ClientKeys.IsValid(r.IdempotencyKey))
            {
                problems.Add("idempotencyKey is missing, longer than 100 characters, or not made of letters, digits and - _ . :");
            }
            else if (!seen.Add(r.IdempotencyKey))
            {
                problems.Add("idempotencyKey appears twice in this batch");
            }

            if (problems.Count > 0)
            {
                errors[$"receipts[{i}]"] = [.. problems];
            }
        }

        return errors;
    }

    // A label token is what the label prints: letters, digits and hyphens (any case, typed or read).
    private static bool LabelTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '-';

    /// <summary>
    /// Stores valid receipts (a replayed idempotency key returns the original receipt id) and gives
    /// each its verdict: the one ingest stored for a receipt it has applied, otherwise the rules'
    /// decision on the envelope as it stands (provisional).
    /// </summary>
    public async Task<IReadOnlyList<IntakeAnswer>> EnqueueAsync(BureauInfo bureau, IReadOnlyList<ReceiptDto> receipts, CancellationToken ct)
    {
        var incoming = receipts.Select(r => new IncomingReceipt(bureau.Id, r.IdempotencyKey!, pseudonyms.LabelTokenHash(r.LabelToken!), r.ScannedAt!.Value, r.SecondEnvelope)).ToList();
        var written = await writer.WriteAsync(incoming, ct);
        HvMetrics.ReceiptsEnqueued.WithLabels("false").Inc(written.Count(w => !w.Stored.Replayed));
        HvMetrics.ReceiptsEnqueued.WithLabels("true").Inc(written.Count(w => w.Stored.Replayed));
        var replayed = written.Where(w => w.Stored.Replayed && !w.Stored.Conflict).Select(w => w.Stored.ReceiptId).ToList();
        var applied = replayed.Count == 0 ? null : await lookup.OutcomesAsync(replayed, ct);
        var answers = new IntakeAnswer[written.Count];
        for (int i = 0; i < answers.Length; i++)
        {
            var (stored, facts) = (written[i].Stored, written[i].Facts);
            answers[i] = new IntakeAnswer(stored, stored.Conflict ? null
                : facts is null ? new AcceptedReceipt(stored.IdempotencyKey, stored.ReceiptId, null, false) // verdicts off (Intake:Verdicts)
                : Answer(receipts[i], incoming[i], stored, facts, bureau, applied));
        }

        return answers;
    }

    private static AcceptedReceipt Answer(ReceiptDto dto, IncomingReceipt receipt, EnqueuedReceipt stored, ScanFacts facts, BureauInfo bureau, IReadOnlyDictionary<long, StoredOutcome>? applied)
    {
        bool final = false;
        ScanVerdict verdict;
        if (applied is not null && applied.TryGetValue(stored.ReceiptId, out var outcome) && ScanVerdicts.OfStored(outcome.Outcome, outcome.RejectReason) is { } done)
        {
            (verdict, final) = (done, true);
        }
        else
        {
            var scan = new ReceiptFacts(bureau.Id, bureau.ElectionId, bureau.ContestId, receipt.ScannedAt.ToUniversalTime(), facts.Deadline, receipt.SecondEnvelope);
            verdict = ScanVerdicts.Of(ReceiptRules.Decide(scan, facts.Envelope));
        }

        return verdict switch
        {
            ScanVerdict.UnknownLabel => new(stored.IdempotencyKey, stored.ReceiptId, verdict.Code(), final, LabelCheck: LabelToken.Check(dto.LabelToken!).Code()),
            ScanVerdict.OtherConstituency => new(stored.IdempotencyKey, stored.ReceiptId, verdict.Code(), final, MainBureau: Ref(facts.MainBureau)),
            ScanVerdict.AlreadyReceived or ScanVerdict.SecondEnvelope => new(stored.IdempotencyKey, stored.ReceiptId, verdict.Code(), final,
                ReceivedAt: facts.Envelope?.State.ReceivedAt, ReceivedBy: Ref(facts.ReceivedBy)),
            _ => new(stored.IdempotencyKey, stored.ReceiptId, verdict.Code(), final),
        };
    }

    private static BureauRef? Ref(BureauName? bureau) => bureau is null ? null : new BureauRef(bureau.Id, bureau.Name);
}

/// <summary>What intake answers for one receipt: how it was stored, and its verdict (null for a key conflict: not stored).</summary>
public sealed record IntakeAnswer(EnqueuedReceipt Stored, AcceptedReceipt? Receipt);
