using HybridVote.Domain;
using Npgsql;

namespace HybridVote.Storage;

/// <summary>One recent scan of a bureau: when, and what ingest made of it (null while still queued).</summary>
public sealed record ReceptionScan(long ReceiptId, DateTimeOffset ScannedAt, bool SecondEnvelope, StoredOutcome? Outcome);

/// <summary>The reception figures of one bureau, read for its station and its report.</summary>
public sealed class ReceptionStore(NpgsqlDataSource db)
{
    /// <summary>The bureau's receipts per day, oldest day first.</summary>
    public async Task<IReadOnlyList<ReceptionDay>> DaysAsync(string bureauId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = Sql.Command(conn, null, """
            SELECT (r.received_at AT TIME ZONE 'Europe/Brussels')::date AS day, count(*),
                   count(*) FILTER (WHERE o.outcome = $2), count(*) FILTER (WHERE o.outcome = $3),
                   count(*) FILTER (WHERE o.outcome = $4), count(*) FILTER (WHERE o.outcome = $5),
                   count(*) FILTER (WHERE o.outcome = $6), count(*) FILTER (WHERE o.outcome IS NULL)
            FROM receipt r LEFT JOIN receipt_outcome o ON o.receipt_id = r.id
            WHERE r.bureau_id = $1
            GROUP BY day ORDER BY day
            """, bureauId, ReceiptOutcome.Codes.Accepted, ReceiptOutcome.Codes.Cancelled, ReceiptOutcome.Codes.Duplicate, ReceiptOutcome.Codes.Rescan, ReceiptOutcome.Codes.Rejected);
        var days = new List<ReceptionDay>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            days.Add(new ReceptionDay(DateOnly.FromDateTime(reader.GetDateTime(0)), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3),
                reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7)));
        }

        return days;
    }

    /// <summary>
    /// The bureau's latest scans, newest first, among the latest 100,000 receipts of all bureaus:
    /// read backwards along the primary key, so the page costs the same at any national volume.
    /// </summary>
    public async Task<IReadOnlyList<ReceptionScan>> RecentAsync(string bureauId, int count, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = Sql.Command(conn, null, """
            SELECT r.id, r.scanned_at, r.second_envelope, o.outcome, j.reason
            FROM receipt r LEFT JOIN receipt_outcome o ON o.receipt_id = r.id LEFT JOIN receipt_reject j ON j.receipt_id = r.id
            WHERE r.bureau_id = $1 AND r.id > (SELECT coalesce(max(id), 0) - 100000 FROM receipt)
            ORDER BY r.id DESC LIMIT $2
            """, bureauId, count);
        var scans = new List<ReceptionScan>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            scans.Add(new ReceptionScan(reader.GetInt64(0), Sql.Offset(reader.GetDateTime(1)), reader.GetBoolean(2),
                reader.IsDBNull(3) ? null : new StoredOutcome(reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4))));
        }

        return scans;
    }
}
