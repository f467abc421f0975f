using HybridVote.Domain;
using Npgsql;

namespace HybridVote.Storage;

/// <summary>
/// A receipt as a bureau's scanner sent it, with the label token already hashed;
/// <paramref name="SecondEnvelope"/>: the bureau confirmed a second physical envelope of a label it already received.
/// </summary>
public sealed record IncomingReceipt(string BureauId, string IdempotencyKey, byte[] LabelTokenHash, DateTimeOffset ScannedAt, bool SecondEnvelope = false);

/// <summary>
/// What the queue answered for one receipt: its id, whether it had been sent before, and whether its
/// key was already used for another envelope (a conflict: this receipt was not stored).
/// </summary>
public sealed record EnqueuedReceipt(string IdempotencyKey, long ReceiptId, bool Replayed, bool Conflict = false);

/// <summary>
/// The receipt queue in PostgreSQL (ARCHITECTURE §4): intake inserts durably before answering;
/// workers claim with FOR UPDATE SKIP LOCKED, apply and delete in the same transaction.
/// </summary>
public sealed class ReceiptQueue(NpgsqlDataSource db)
{
    /// <summary>
    /// Stores the receipts (once per bureau and idempotency key) and queues the new ones; the answer
    /// has one entry per receipt, in order. The receipts may come from several bureaus (intake
    /// commits concurrent requests together).
    /// </summary>
    /// <remarks>
    /// Both inserts are one statement, which PostgreSQL runs as its own transaction and has made
    /// durable (WAL flushed) before it answers: all of them or none, in one round trip, with no
    /// BEGIN/COMMIT exchange (NFR002, NFR006: about a quarter more single receipts per second, scripts/bench
    /// ingest). Keys that were already stored are then looked up by a second statement, which sees
    /// every row committed before it, including one a concurrent request inserted first.
    /// </remarks>
    public async Task<IReadOnlyList<EnqueuedReceipt>> EnqueueAsync(IReadOnlyList<IncomingReceipt> receipts, CancellationToken ct = default) =>
        (await EnqueueAsync(receipts, withFacts: false, ct)).Stored;

    /// <summary>
    /// <see cref="EnqueueAsync(IReadOnlyList{IncomingReceipt}, CancellationToken)"/>, and the facts
    /// of each receipt's reception verdict (<see cref="ScanLookup"/>) read in the same round trip:
    /// the read runs in the batch right after the insert, before the batch commits, so a group
    /// costs one round trip and one connection as before.
    /// </summary>
    public async Task<(IReadOnlyList<EnqueuedReceipt> Stored, IReadOnlyList<ScanFacts> Facts)> EnqueueWithFactsAsync(IReadOnlyList<IncomingReceipt> receipts, CancellationToken ct = default)
    {
        var (stored, facts) = await EnqueueAsync(receipts, withFacts: true, ct);
        return (stored, facts!);
    }

    private async Task<(IReadOnlyList<EnqueuedReceipt> Stored, IReadOnlyList<ScanFacts>? Facts)> EnqueueAsync(IReadOnlyList<IncomingReceipt> receipts, bool withFacts, CancellationToken ct)
    {
        var bureaus = receipts.Select(r => r.BureauId).ToArray();
        var keys = receipts.Select(r => r.IdempotencyKey).ToArray();
        await using var conn = await db.OpenConnectionAsync(ct);
        var stored = new Dictionary<(string, string), (long Id, bool Replayed, byte[] Hash)>();
        IReadOnlyList<ScanFacts>? facts = null;
        await using (var batch = new NpgsqlBatch(conn))
        {
            batch.BatchCommands.Add(Sql.BatchCommand("""
            WITH ins AS (
                INSERT INTO receipt (bureau_id, idempotency_key, label_token_hash, scanned_at, second_envelope)
                SELECT b, k, h, s, d FROM unnest($1::text[], $2::text[], $3::bytea[], $4::timestamptz[], $5::boolean[]) AS t(b, k, h, s, d)
                ON CONFLICT (bureau_id, idempotency_key) DO NOTHING
                RETURNING id, bureau_id, idempotency_key, label_token_hash),
            q AS (INSERT INTO receipt_queue (receipt_id) SELECT id FROM ins)
            SELECT bureau_id, idempotency_key, id, label_token_hash FROM ins
            """, bureaus, keys, receipts.Select(r => r.LabelTokenHash).ToArray(), receipts.Select(r => r.ScannedAt.UtcDateTime).ToArray(), receipts.Select(r => r.SecondEnvelope).ToArray()));
            if (withFacts)
            {
                batch.BatchCommands.Add(ScanLookup.FactsCommand(receipts));
            }

            // Disposing the reader reads to the end of the batch: its implicit transaction has
            // committed (and the WAL is flushed) before anything is answered.
            await using var reader = await batch.ExecuteReaderAsync(ct);
            await ReadIdsAsync(reader, stored, replayed: false, ct);
            if (withFacts)
            {
                await reader.NextResultAsync(ct);
                facts = await ScanLookup.ReadFactsAsync(reader, receipts.Count, ct);
            }
        }

        var missing = receipts.Where(r => !stored.ContainsKey((r.BureauId, r.IdempotencyKey))).ToList();
        if (missing.Count > 0)
        {
            // One unique-index lookup per replayed key (LATERAL … LIMIT 1 keeps the planner from turning
            // it into a join against the whole receipt table).
            await using var cmd = Sql.Command(conn, null, """
                SELECT t.b, t.k, r.id, r.label_token_hash
                FROM unnest($1::text[], $2::text[]) AS t(b, k)
                CROSS JOIN LATERAL (SELECT id, label_token_hash FROM receipt WHERE bureau_id = t.b AND idempotency_key = t.k LIMIT 1) r
                """, missing.Select(r => r.BureauId).ToArray(), missing.Select(r => r.IdempotencyKey).ToArray());
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            await ReadIdsAsync(reader, stored, replayed: true, ct);
        }

        // A key sent twice in the same group is stored once; its second copy is a replay. A key
        // already stored for another envelope is a conflict: the scanner reused a key.
        var answered = new HashSet<(string, string)>();
        return (receipts.Select(r =>
        {
            var (id, replayed, hash) = stored[(r.BureauId, r.IdempotencyKey)];
            bool conflict = !hash.AsSpan().SequenceEqual(r.LabelTokenHash);
            return new EnqueuedReceipt(r.IdempotencyKey, id, replayed || !answered.Add((r.BureauId, r.IdempotencyKey)), conflict);
        }).ToList(), facts);
    }

    private static async Task ReadIdsAsync(NpgsqlDataReader reader, Dictionary<(string, string), (long, bool, byte[])> into, bool replayed, CancellationToken ct)
    {
        while (await reader.ReadAsync(ct))
        {
            into[(reader.GetString(0), reader.GetString(1))] = (reader.GetInt64(2), replayed, reader.GetFieldValue<byte[]>(3));
        }
    }

    /// <summary>Pending receipts.</summary>
    /// <summary>The pending receipts and the age of the oldest in seconds (0 when none), in one statement.</summary>
    public async Task<(long Depth, double OldestAgeSeconds)> DepthAndAgeAsync(CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = Sql.Command(conn, null, "SELECT count(*), coalesce(extract(epoch FROM clock_timestamp() - min(enqueued_at)), 0)::float8 FROM receipt_queue");
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetInt64(0), reader.GetDouble(1));
    }

    /// <summary>
    /// Claims up to <paramref name="batchSize"/> receipts and locks the envelopes their label tokens
    /// belong to, in a transaction that <see cref="IngestBatch.CommitAsync"/> ends (exactly-once
    /// effect, NFR005). Returns null when the queue is empty.
    /// </summary>
    public async Task<IngestBatch?> ClaimAsync(int batchSize, CancellationToken ct = default)
    {
        var conn = await db.OpenConnectionAsync(ct);
        NpgsqlTransaction? tx = null;
        try
        {
            tx = await conn.BeginTransactionAsync(ct);
            var claimed = await ClaimReceiptsAsync(conn, tx, batchSize, ct);
            if (claimed.Count == 0)
            {
                await tx.RollbackAsync(ct);
                await tx.DisposeAsync();
                await conn.DisposeAsync();
                return null;
            }

            var envelopes = await EnvelopeStore.LockAsync(conn, tx, "label_token_hash = ANY($1)", [claimed.Select(c => c.LabelHash).Distinct(ByteArrayComparer.Instance).ToArray()], ct);
            return new IngestBatch(conn, tx, claimed, envelopes);
        }
        catch
        {
            if (tx is not null)
            {
                await tx.DisposeAsync();
            }

            await conn.DisposeAsync();
            throw;
        }
    }

    // Claiming deletes the queue rows in the same statement: the row lock and the delete are one
    // write, and until the commit other workers skip these rows (SKIP LOCKED) while a crash rolls
    // the delete back. Every step looks rows up through an index by the batch's ids (ARRAY(…),
    // = ANY): a join against the whole table would make each batch cost O(queue) and the national
    // run quadratic.
    private static async Task<List<ClaimedReceipt>> ClaimReceiptsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int batchSize, CancellationToken ct)
    {
        await using var cmd = Sql.Command(conn, tx, """
            WITH c AS (
                DELETE FROM receipt_queue
                WHERE receipt_id = ANY(ARRAY(SELECT receipt_id FROM receipt_queue ORDER BY receipt_id LIMIT $1 FOR UPDATE SKIP LOCKED))
                RETURNING receipt_id)
            SELECT r.id, r.bureau_id, r.label_token_hash, r.scanned_at, b.election_id, b.contest_id, el.in_person_close, r.second_envelope
            FROM receipt r JOIN bureau b ON b.id = r.bureau_id JOIN election el ON el.id = b.election_id
            WHERE r.id = ANY(ARRAY(SELECT receipt_id FROM c))
            ORDER BY r.id
            """, batchSize);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var claimed = new List<ClaimedReceipt>();
        while (await reader.ReadAsync(ct))
        {
            claimed.Add(new ClaimedReceipt(reader.GetInt64(0), reader.GetFieldValue<byte[]>(2),
                new ReceiptFacts(reader.GetString(1), reader.GetString(4), reader.GetString(5), Sql.Offset(reader.GetDateTime(3)), Sql.Offset(reader.GetDateTime(6)), reader.GetBoolean(7))));
        }

        return claimed;
    }
}
