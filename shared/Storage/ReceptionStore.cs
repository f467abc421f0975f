using HybridVote.Domain;
using Npgsql;

namespace HybridVote.Storage;

/// <summary>
/// One recent scan of a bureau: when, what ingest made of it (null while still queued), and for an
/// envelope of another constituency or election the main bureau to forward it to.
/// </summary>
public sealed record ReceptionScan(long ReceiptId, DateTimeOffset ScannedAt, bool SecondEnvelope, StoredOutcome? Outcome, string? ForwardTo = null);

/// <summary>The reception figures of one bureau, read for its station and its report.</summary>
public sealed class ReceptionStore(NpgsqlDataSource db, AuditLog audit)
{
    /// <summary>The close of the bureau's intake, or null while it is open.</summary>
    public async Task<ReceptionClose?> CloseOfAsync(string bureauId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = Sql.Command(conn, null, "SELECT closed_at, closed_by, counted_accepted, counted_set_aside FROM reception_close WHERE bureau_id = $1", bureauId);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? new ReceptionClose(Sql.Offset(reader.GetDateTime(0)), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3)) : null;
    }

    /// <summary>
    /// Closes the bureau's intake with the president's hand counts, when the rules allow it
    /// (<see cref="ReceptionRules.Refusal"/>, decided on the figures read in the same transaction
    /// under a lock on the bureau); returns the refusal otherwise. Audited (TR008).
    /// </summary>
    public async Task<CloseRefusal?> CloseAsync(string bureauId, ReceptionClose close, bool countedAgain, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        DateTimeOffset deadline;
        await using (var bureau = Sql.Command(conn, tx, "SELECT el.in_person_close FROM bureau b JOIN election el ON el.id = b.election_id WHERE b.id = $1 FOR UPDATE OF b", bureauId))
        {
            deadline = Sql.Offset((DateTime)(await bureau.ExecuteScalarAsync(ct) ?? throw new KeyNotFoundException($"bureau {bureauId} does not exist")));
        }

        bool closed;
        await using (var exists = Sql.Command(conn, tx, "SELECT 1 FROM reception_close WHERE bureau_id = $1", bureauId))
        {
            closed = await exists.ExecuteScalarAsync(ct) is not null;
        }

        var total = ReceptionDay.Total(await DaysAsync(conn, tx, bureauId, ct));
        if (ReceptionRules.Refusal(close, deadline, total, closed, countedAgain) is { } refusal)
        {
            return refusal;
        }

        await using (var insert = Sql.Command(conn, tx, "INSERT INTO reception_close (bureau_id, closed_at, closed_by, counted_accepted, counted_set_aside) VALUES ($1, $2, $3, $4, $5)",
            bureauId, close.ClosedAt.UtcDateTime, close.ClosedBy, close.CountedAccepted, close.CountedSetAside))
        {
            await insert.ExecuteNonQueryAsync(ct);
        }

        await audit.AppendAsync(conn, tx, close.ClosedBy, "reception.close", bureauId,
            $$"""{"countedAccepted":{{close.CountedAccepted}},"countedSetAside":{{close.CountedSetAside}},"accepted":{{total.Accepted}},"setAside":{{total.SetAside}}}""", ct);
        await tx.CommitAsync(ct);
        return null;
    }

    /// <summary>The bureau's receipts per day, oldest day first.</summary>
    public async Task<IReadOnlyList<ReceptionDay>> DaysAsync(string bureauId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await DaysAsync(conn, null, bureauId, ct);
    }

    /// <summary>What each of the bureaus received in all (the day left default), for those that received anything.</summary>
    public async Task<IReadOnlyDictionary<string, ReceptionDay>> TotalsAsync(IReadOnlyCollection<string> bureauIds, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = Sql.Command(conn, null, $"""
            SELECT r.bureau_id, {OutcomeCounts}
            FROM receipt r LEFT JOIN receipt_outcome o ON o.receipt_id = r.id
            WHERE r.bureau_id = ANY($1)
            GROUP BY r.bureau_id
            """, (object)bureauIds.ToArray(), ReceiptOutcome.Codes.Accepted, ReceiptOutcome.Codes.Cancelled, ReceiptOutcome.Codes.Duplicate, ReceiptOutcome.Codes.Rescan, ReceiptOutcome.Codes.Rejected);
        var totals = new Dictionary<string, ReceptionDay>(StringComparer.Ordinal);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            totals[reader.GetString(0)] = new ReceptionDay(default, reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7));
        }

        return totals;
    }

    // Receipts by the outcome ingest gave them ($2…$6: accepted, cancelled, duplicate, rescan, rejected), then those still pending.
    private const string OutcomeCounts = """
        count(*), count(*) FILTER (WHERE o.outcome = $2), count(*) FILTER (WHERE o.outcome = $3),
        count(*) FILTER (WHERE o.outcome = $4), count(*) FILTER (WHERE o.outcome = $5),
        count(*) FILTER (WHERE o.outcome = $6), count(*) FILTER (WHERE o.outcome IS NULL)
        """;

    private static async Task<IReadOnlyList<ReceptionDay>> DaysAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string bureauId, CancellationToken ct)
    {
        await using var cmd = Sql.Command(conn, tx, $"""
            SELECT (r.received_at AT TIME ZONE 'Europe/Brussels')::date AS day, {OutcomeCounts}
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
        // A rejected envelope whose label is known belongs to another constituency or election (an
        // unknown label has no envelope): its main bureau is where it goes.
        await using var cmd = Sql.Command(conn, null, """
            SELECT r.id, r.scanned_at, r.second_envelope, o.outcome, j.reason, f.name
            FROM receipt r LEFT JOIN receipt_outcome o ON o.receipt_id = r.id LEFT JOIN receipt_reject j ON j.receipt_id = r.id
            LEFT JOIN LATERAL (
                SELECT mb.name FROM envelope e JOIN contest c ON c.election_id = e.election_id AND c.id = e.contest_id JOIN bureau mb ON mb.id = c.main_bureau_id
                WHERE j.reason = ANY($3) AND e.label_token_hash = r.label_token_hash LIMIT 1) f ON true
            WHERE r.bureau_id = $1 AND r.id > (SELECT coalesce(max(id), 0) - 100000 FROM receipt)
            ORDER BY r.id DESC LIMIT $2
            """, bureauId, count, new[] { RejectReason.WrongBureau.Code(), RejectReason.WrongElection.Code() });
        var scans = new List<ReceptionScan>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            scans.Add(new ReceptionScan(reader.GetInt64(0), Sql.Offset(reader.GetDateTime(1)), reader.GetBoolean(2),
                reader.IsDBNull(3) ? null : new StoredOutcome(reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4)), reader.IsDBNull(5) ? null : reader.GetString(5)));
        }

        return scans;
    }
}
