using HybridVote.Domain;
using HybridVote.Storage;
using Npgsql;

namespace HybridVote.Imports;

/// <summary>A rejected receipt as an operator sees it (no token, no voter).</summary>
public sealed record RejectedReceipt(long ReceiptId, string BureauId, string IdempotencyKey, DateTimeOffset ScannedAt, RejectReason Reason, DateTimeOffset RejectedAt);

/// <summary>Lists rejected receipts and puts them back in the queue after a fix (operator commands, audited).</summary>
public sealed class RejectStore(NpgsqlDataSource db, AuditLog audit)
{
    /// <summary>Rejected receipts, optionally of one reason.</summary>
    public async Task<IReadOnlyList<RejectedReceipt>> ListAsync(RejectReason? reason, int limit, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = Sql.Command(conn, null, """
            SELECT r.id, r.bureau_id, r.idempotency_key, r.scanned_at, j.reason, j.rejected_at
            FROM receipt_reject j JOIN receipt r ON r.id = j.receipt_id
            WHERE $1::text IS NULL OR j.reason = $1 ORDER BY r.id LIMIT $2
            """, reason?.Code(), limit);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var list = new List<RejectedReceipt>();
        while (await reader.ReadAsync(ct))
        {
            list.Add(new RejectedReceipt(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), Sql.Offset(reader.GetDateTime(3)), RejectReasons.FromCode(reader.GetString(4)) ?? throw new InvalidDataException("unknown reject reason " + reader.GetString(4)), Sql.Offset(reader.GetDateTime(5))));
        }

        return list;
    }

    /// <summary>Moves rejected receipts (one id, or all of a reason) back to the queue; returns how many.</summary>
    public async Task<int> RequeueAsync(long? receiptId, RejectReason? reason, string actor, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using var cmd = Sql.Command(conn, tx, """
            WITH moved AS (
                DELETE FROM receipt_reject WHERE ($1::bigint IS NOT NULL AND receipt_id = $1) OR ($1::bigint IS NULL AND reason = $2)
                RETURNING receipt_id),
            reset AS (DELETE FROM receipt_outcome WHERE receipt_id IN (SELECT receipt_id FROM moved))
            INSERT INTO receipt_queue (receipt_id) SELECT receipt_id FROM moved
            """, receiptId, reason?.Code());
        int moved = await cmd.ExecuteNonQueryAsync(ct);
        await audit.AppendAsync(conn, tx, actor, "rejects.requeued", receiptId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? reason?.Code() ?? "-", $$"""{"receipts":{{moved}}}""", ct);
        await tx.CommitAsync(ct);
        return moved;
    }
}
