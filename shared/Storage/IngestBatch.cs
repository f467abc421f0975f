using HybridVote.Domain;
using Npgsql;

namespace HybridVote.Storage;

/// <summary>A claimed receipt: its id, its hashed label token and what the scan says.</summary>
public sealed record ClaimedReceipt(long Id, byte[] LabelHash, ReceiptFacts Facts);

/// <summary>A receipt with the outcome the rules gave it.</summary>
public sealed record DecidedReceipt(long Id, byte[] LabelHash, ReceiptOutcome Outcome);

/// <summary>
/// One claimed batch of the receipt queue, in its open transaction: the receipts, and the envelopes
/// of their label tokens locked FOR UPDATE. <see cref="CommitAsync"/> writes the outcomes and ends
/// the transaction; disposing without it rolls everything back and the receipts stay queued.
/// </summary>
public sealed class IngestBatch : IAsyncDisposable
{
    private readonly NpgsqlConnection conn;
    private readonly NpgsqlTransaction tx;
    private readonly Dictionary<byte[], EnvelopeStore.Row> envelopes;

    internal IngestBatch(NpgsqlConnection conn, NpgsqlTransaction tx, IReadOnlyList<ClaimedReceipt> receipts, IEnumerable<EnvelopeStore.Row> envelopes)
    {
        this.conn = conn;
        this.tx = tx;
        Receipts = receipts;
        this.envelopes = envelopes.Where(e => e.LabelHash is not null).ToDictionary(e => e.LabelHash!, ByteArrayComparer.Instance);
    }

    /// <summary>The claimed receipts, oldest first.</summary>
    public IReadOnlyList<ClaimedReceipt> Receipts { get; }

    /// <summary>The envelope a label token belongs to, as stored before this batch; null when none has it.</summary>
    public EnvelopeFacts? Envelope(byte[] labelHash) =>
        envelopes.TryGetValue(labelHash, out var row) ? new EnvelopeFacts(row.ElectionId, row.ContestId, row.State) : null;

    /// <summary>
    /// Writes every outcome (receipt_outcome), the rejects with their reason code (receipt_reject)
    /// and the last state of every changed envelope, then commits. Returns the voter keys whose
    /// envelope changed (their cached status is stale once this returns).
    /// </summary>
    public async Task<IReadOnlyList<byte[]>> CommitAsync(IReadOnlyList<DecidedReceipt> decided, CancellationToken ct = default)
    {
        var last = new Dictionary<byte[], EnvelopeState>(ByteArrayComparer.Instance);
        foreach (var d in decided)
        {
            if (d.Outcome.NextState is { } next)
            {
                last[d.LabelHash] = next;
            }
        }

        var changed = last.Select(p => envelopes[p.Key] with { State = p.Value }).ToList();
        await using var batch = new NpgsqlBatch(conn, tx);
        if (changed.Count > 0)
        {
            batch.BatchCommands.Add(EnvelopeStore.Write(changed));
        }

        batch.BatchCommands.Add(Sql.BatchCommand("INSERT INTO receipt_outcome (receipt_id, outcome) SELECT * FROM unnest($1::bigint[], $2::text[])",
            decided.Select(d => d.Id).ToArray(), decided.Select(d => d.Outcome.Code).ToArray()));
        var rejects = decided.Where(d => d.Outcome is ReceiptOutcome.Rejected).ToList();
        if (rejects.Count > 0)
        {
            batch.BatchCommands.Add(Sql.BatchCommand("INSERT INTO receipt_reject (receipt_id, reason) SELECT * FROM unnest($1::bigint[], $2::text[])",
                rejects.Select(d => d.Id).ToArray(), rejects.Select(d => ((ReceiptOutcome.Rejected)d.Outcome).Reason.Code()).ToArray()));
        }

        await batch.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
        return changed.Select(c => c.VoterKey).ToList();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await tx.DisposeAsync();
        await conn.DisposeAsync();
    }
}
