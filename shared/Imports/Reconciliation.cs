using HybridVote.Domain;
using HybridVote.Storage;
using Npgsql;

namespace HybridVote.Imports;

/// <summary>One line of the reconciliation: what a bureau received and what became of it.</summary>
/// <remarks>
/// <paramref name="Counted"/>: the president's close with the hand counts of the two piles, once the
/// bureau's intake is closed; they must be the system's (accepted; cancelled + duplicate + rejected).
/// </remarks>
public sealed record ReconciliationLine(string ElectionId, string ContestId, string BureauId, long Received, long Accepted, long Cancelled, long Duplicate, long Rescan, long Rejected, long Pending, long BallotsRegistered, long BallotCopies,
    ReceptionClose? Counted = null)
{
    /// <summary>The receipt figures as one day's line of the reception rules.</summary>
    public ReceptionDay Figures => new(default, Received, Accepted, Cancelled, Duplicate, Rescan, Rejected, Pending);

    /// <summary>Every received receipt is accounted for exactly once, and the bureau's hand counts (when closed) are the system's.</summary>
    public bool AddsUp => Figures.AddsUp && (Counted is null || Counted.Agrees(Figures));
}

/// <summary>Reconciliation per constituency and bureau (FR008, TR008): received = accepted + cancelled + duplicate (confirmed second envelopes) + rescan + rejected + pending.</summary>
public sealed class Reconciliation(NpgsqlDataSource db)
{
    /// <summary>The lines, for one election or all.</summary>
    public async Task<IReadOnlyList<ReconciliationLine>> ReportAsync(string? electionId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = Sql.Command(conn, null, """
            SELECT b.election_id, b.contest_id, b.id,
                   count(r.id),
                   count(r.id) FILTER (WHERE o.outcome = $2),
                   count(r.id) FILTER (WHERE o.outcome = $3),
                   count(r.id) FILTER (WHERE o.outcome = $4),
                   count(r.id) FILTER (WHERE o.outcome = $5),
                   count(r.id) FILTER (WHERE o.outcome = $6),
                   count(r.id) FILTER (WHERE o.outcome IS NULL),
                   coalesce((SELECT count(*) FROM registered_ballot g WHERE g.bureau_id = b.id), 0),
                   coalesce((SELECT sum(copies - 1) FROM registered_ballot g WHERE g.bureau_id = b.id), 0),
                   rc.closed_at, rc.closed_by, rc.counted_accepted, rc.counted_set_aside
            FROM bureau b LEFT JOIN reception_close rc ON rc.bureau_id = b.id LEFT JOIN receipt r ON r.bureau_id = b.id LEFT JOIN receipt_outcome o ON o.receipt_id = r.id
            -- A purged election (NFR011) has no receipts left to reconcile.
            WHERE ($1::text IS NULL OR b.election_id = $1) AND NOT EXISTS (SELECT 1 FROM election e WHERE e.id = b.election_id AND e.purged_at IS NOT NULL)
            GROUP BY b.election_id, b.contest_id, b.id, rc.bureau_id
            ORDER BY b.election_id, b.contest_id, b.id
            """, electionId, ReceiptOutcome.Codes.Accepted, ReceiptOutcome.Codes.Cancelled, ReceiptOutcome.Codes.Duplicate, ReceiptOutcome.Codes.Rescan, ReceiptOutcome.Codes.Rejected);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var lines = new List<ReconciliationLine>();
        while (await reader.ReadAsync(ct))
        {
            lines.Add(new ReconciliationLine(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5),
                reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8), reader.GetInt64(9), reader.GetInt64(10), reader.GetInt64(11),
                reader.IsDBNull(12) ? null : new ReceptionClose(Sql.Offset(reader.GetDateTime(12)), reader.GetString(13), reader.GetInt64(14), reader.GetInt64(15))));
        }

        return lines;
    }
}
