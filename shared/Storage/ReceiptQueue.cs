using HybridVote.Domain;
using Npgsql;

namespace HybridVote.Storage;

/// <summary>A receipt as a bureau's scanner sent it, with the label token already hashed.</summary>
public sealed record IncomingReceipt(string BureauId, string IdempotencyKey, byte[] LabelTokenHash, DateTimeOffset ScannedAt);

/// <summary>What the queue answered for one receipt: its id, and whether it had been sent before.</summary>
public sealed record EnqueuedReceipt(string IdempotencyKey, long ReceiptId, bool Replayed);

/// <summary>What one ingest batch did.</summary>
public sealed record IngestResult(int Claimed, IReadOnlyDictionary<string, int> Outcomes, IReadOnlyList<byte[]> TouchedVoters);

/// <summary>
/// The receipt queue in PostgreSQL (ARCHITECTURE §4): intake inserts durably before answering;
/// workers claim with FOR UPDATE SKIP LOCKED, apply and delete in the same transaction.
/// </summary>
public sealed class ReceiptQueue(NpgsqlDataSource db)
{
    /// <summary>Outcome names stored on each receipt and counted by reconciliation.</summary>
    public static class Outcome
    {
        public const string Accepted = "accepted";
        public const string Duplicate = "duplicate";
        public const string Cancelled = "cancelled";
        public const string Rejected = "rejected";
    }

    /// <summary>
    /// Stores the receipts (once per bureau and idempotency key) and queues the new ones; the answer
    /// has one entry per receipt, in order. The receipts may come from several bureaus (intake
    /// commits concurrent requests together).
    /// </summary>
    /// <remarks>
    /// Both inserts are one statement, which PostgreSQL runs as its own transaction and has made
    /// durable (WAL flushed) before it answers: all of them or none, in one round trip, with no
    /// BEGIN/COMMIT exchange (NFR005: about a quarter more single receipts per second, scripts/bench
    /// ingest). Keys that were already stored are then looked up by a second statement, which sees
    /// every row committed before it, including one a concurrent request inserted first.
    /// </remarks>
    public async Task<IReadOnlyList<EnqueuedReceipt>> EnqueueAsync(IReadOnlyList<IncomingReceipt> receipts, CancellationToken ct = default)
    {
        var bureaus = receipts.Select(r => r.BureauId).ToArray();
        var keys = receipts.Select(r => r.IdempotencyKey).ToArray();
        await using var conn = await db.OpenConnectionAsync(ct);
        var stored = new Dictionary<(string, string), (long Id, bool Replayed)>();
        await using (var cmd = Sql.Command(conn, null, """
            WITH ins AS (
                INSERT INTO receipt (bureau_id, idempotency_key, label_token_hash, scanned_at)
                SELECT b, k, h, s FROM unnest($1::text[], $2::text[], $3::bytea[], $4::timestamptz[]) AS t(b, k, h, s)
                ON CONFLICT (bureau_id, idempotency_key) DO NOTHING
                RETURNING id, bureau_id, idempotency_key),
            q AS (INSERT INTO receipt_queue (receipt_id) SELECT id FROM ins)
            SELECT bureau_id, idempotency_key, id FROM ins
            """, bureaus, keys, receipts.Select(r => r.LabelTokenHash).ToArray(), receipts.Select(r => r.ScannedAt.UtcDateTime).ToArray()))
        {
            await ReadIdsAsync(cmd, stored, replayed: false, ct);
        }

        var missing = receipts.Where(r => !stored.ContainsKey((r.BureauId, r.IdempotencyKey))).ToList();
        if (missing.Count > 0)
        {
            // One unique-index lookup per replayed key (LATERAL … LIMIT 1 keeps the planner from turning
            // it into a join against the whole receipt table).
            await using var cmd = Sql.Command(conn, null, """
                SELECT t.b, t.k, r.id
                FROM unnest($1::text[], $2::text[]) AS t(b, k)
                CROSS JOIN LATERAL (SELECT id FROM receipt WHERE bureau_id = t.b AND idempotency_key = t.k LIMIT 1) r
                """, missing.Select(r => r.BureauId).ToArray(), missing.Select(r => r.IdempotencyKey).ToArray());
            await ReadIdsAsync(cmd, stored, replayed: true, ct);
        }

        // A key sent twice in the same group is stored once; its second copy is a replay.
        var answered = new HashSet<(string, string)>();
        return receipts.Select(r =>
        {
            var (id, replayed) = stored[(r.BureauId, r.IdempotencyKey)];
            return new EnqueuedReceipt(r.IdempotencyKey, id, replayed || !answered.Add((r.BureauId, r.IdempotencyKey)));
        }).ToList();
    }

    private static async Task ReadIdsAsync(NpgsqlCommand cmd, Dictionary<(string, string), (long, bool)> into, bool replayed, CancellationToken ct)
    {
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            into[(reader.GetString(0), reader.GetString(1))] = (reader.GetInt64(2), replayed);
        }
    }

    /// <summary>Pending receipts.</summary>
    public async Task<long> DepthAsync(CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = Sql.Command(conn, null, "SELECT count(*) FROM receipt_queue");
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// Claims up to <paramref name="batchSize"/> receipts, applies them with the precedence rules
    /// (FR008), records each outcome, puts unknown or misdirected ones in the reject table, and
    /// deletes them from the queue — all in one transaction (exactly-once effect, SEC002).
    /// </summary>
    public async Task<IngestResult> IngestBatchAsync(int batchSize, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var claimed = await ClaimAsync(conn, tx, batchSize, ct);
        if (claimed.Count == 0)
        {
            await tx.RollbackAsync(ct);
            return new IngestResult(0, new Dictionary<string, int>(), []);
        }

        var envelopes = await EnvelopeStore.LockAsync(conn, tx, "label_token_hash = ANY($1)", [claimed.Select(c => c.LabelHash).Distinct(ByteArrayComparer.Instance).ToArray()], ct);
        var byHash = envelopes.ToDictionary(e => e.LabelHash!, ByteArrayComparer.Instance);
        var outcomes = claimed.Select(receipt => Apply(receipt, byHash)).ToList();
        var changed = outcomes.Where(o => o.Reason is null).Select(o => o.LabelHash).Distinct(ByteArrayComparer.Instance).Select(h => byHash[h]).ToList();
        await using var batch = new NpgsqlBatch(conn, tx);
        if (changed.Count > 0)
        {
            batch.BatchCommands.Add(EnvelopeStore.Write(changed));
        }

        batch.BatchCommands.Add(Sql.BatchCommand("INSERT INTO receipt_outcome (receipt_id, outcome) SELECT * FROM unnest($1::bigint[], $2::text[])",
            outcomes.Select(o => o.Id).ToArray(), outcomes.Select(o => o.Outcome).ToArray()));
        var rejects = outcomes.Where(o => o.Reason is not null).ToList();
        if (rejects.Count > 0)
        {
            batch.BatchCommands.Add(Sql.BatchCommand("INSERT INTO receipt_reject (receipt_id, reason) SELECT * FROM unnest($1::bigint[], $2::text[])",
                rejects.Select(o => o.Id).ToArray(), rejects.Select(o => o.Reason).ToArray()));
        }

        await batch.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
        var counts = outcomes.GroupBy(o => o.Reason ?? o.Outcome).ToDictionary(g => g.Key, g => g.Count());
        return new IngestResult(claimed.Count, counts, changed.Select(c => c.VoterKey).ToList());
    }

    private sealed record Claimed(long Id, string BureauId, byte[] LabelHash, DateTimeOffset ScannedAt, string ElectionId, string ContestId, DateTimeOffset Deadline);

    // Claiming deletes the queue rows in the same statement: the row lock and the delete are one
    // write, and until the commit other workers skip these rows (SKIP LOCKED) while a crash rolls
    // the delete back. Every step looks rows up through an index by the batch's ids (ARRAY(…),
    // = ANY): a join against the whole table would make each batch cost O(queue) and the national
    // run quadratic.
    private static async Task<List<Claimed>> ClaimAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int batchSize, CancellationToken ct)
    {
        await using var cmd = Sql.Command(conn, tx, """
            WITH c AS (
                DELETE FROM receipt_queue
                WHERE receipt_id = ANY(ARRAY(SELECT receipt_id FROM receipt_queue ORDER BY receipt_id LIMIT $1 FOR UPDATE SKIP LOCKED))
                RETURNING receipt_id)
            SELECT r.id, r.bureau_id, r.label_token_hash, r.scanned_at, b.election_id, b.contest_id, el.in_person_close
            FROM receipt r JOIN bureau b ON b.id = r.bureau_id JOIN election el ON el.id = b.election_id
            WHERE r.id = ANY(ARRAY(SELECT receipt_id FROM c))
            ORDER BY r.id
            """, batchSize);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var claimed = new List<Claimed>();
        while (await reader.ReadAsync(ct))
        {
            claimed.Add(new Claimed(reader.GetInt64(0), reader.GetString(1), reader.GetFieldValue<byte[]>(2), Sql.Offset(reader.GetDateTime(3)),
                reader.GetString(4), reader.GetString(5), Sql.Offset(reader.GetDateTime(6))));
        }

        return claimed;
    }

    private static (long Id, string Outcome, string? Reason, byte[] LabelHash) Apply(Claimed receipt, Dictionary<byte[], EnvelopeStore.Row> byHash)
    {
        if (!byHash.TryGetValue(receipt.LabelHash, out var envelope))
        {
            return (receipt.Id, Outcome.Rejected, "unknown label token", receipt.LabelHash);
        }

        if (envelope.ElectionId != receipt.ElectionId)
        {
            return (receipt.Id, Outcome.Rejected, "wrong election for this bureau", receipt.LabelHash);
        }

        if (envelope.ContestId != receipt.ContestId)
        {
            return (receipt.Id, Outcome.Rejected, "wrong bureau for the constituency", receipt.LabelHash);
        }

        // Hybrid envelopes must be in the bureau's hands before in-person voting closes.
        if (receipt.ScannedAt > receipt.Deadline)
        {
            return (receipt.Id, Outcome.Rejected, "after the deadline", receipt.LabelHash);
        }

        var next = EnvelopeRules.ApplyReceipt(envelope.State, receipt.ScannedAt, receipt.BureauId);
        byHash[receipt.LabelHash] = envelope with { State = next };
        string outcome = next.Duplicates > envelope.State.Duplicates ? Outcome.Duplicate
            : next.Status == EnvelopeStatus.Cancelled ? Outcome.Cancelled : Outcome.Accepted;
        return (receipt.Id, outcome, null, receipt.LabelHash);
    }
}
