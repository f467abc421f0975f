using HybridVote.Domain;
using Npgsql;

namespace HybridVote.Storage;

/// <summary>A bureau named for people: its id and its name.</summary>
public sealed record BureauName(string Id, string Name);

/// <summary>
/// What the reception verdict of one receipt is decided from: the deadline of the scanning bureau's
/// election, the envelope of the label token as it stands (null: none has it), the bureau that
/// received it first, and the main bureau of the envelope's constituency.
/// </summary>
public sealed record ScanFacts(DateTimeOffset Deadline, EnvelopeFacts? Envelope, BureauName? ReceivedBy, BureauName? MainBureau);

/// <summary>The outcome ingest stored for a receipt, with the reject reason code of a rejected one.</summary>
public sealed record StoredOutcome(string Outcome, string? RejectReason);

/// <summary>
/// Indexed reads behind a reception bureau's immediate verdict (FR008): one statement per group of
/// receipts, run in the batch of the group's insert (<see cref="ReceiptQueue.EnqueueWithFactsAsync"/>),
/// one unique-index probe of <c>envelope.label_token_hash</c> per receipt. Reads only: ingest stays
/// the one that applies receipts.
/// </summary>
public sealed class ScanLookup(NpgsqlDataSource db)
{
    /// <summary>The statement that reads the facts of each receipt (read them with <see cref="ReadFactsAsync"/>).</summary>
    internal static NpgsqlBatchCommand FactsCommand(IReadOnlyList<IncomingReceipt> receipts) =>
        // LATERAL … LIMIT 1 keeps each envelope read an index probe, never a join over the table.
        Sql.BatchCommand($"""
            SELECT t.i, el.in_person_close, e.election_id, e.contest_id, e.{EnvelopeStore.StateColumns.Replace(", ", ", e.", StringComparison.Ordinal)},
                   rb.id, rb.name, mb.id, mb.name
            FROM unnest($1::bytea[], $2::text[]) WITH ORDINALITY AS t(h, b, i)
            JOIN bureau sb ON sb.id = t.b
            JOIN election el ON el.id = sb.election_id
            LEFT JOIN LATERAL (SELECT * FROM envelope WHERE label_token_hash = t.h LIMIT 1) e ON true
            LEFT JOIN bureau rb ON rb.id = e.bureau_id
            LEFT JOIN contest c ON c.election_id = e.election_id AND c.id = e.contest_id
            LEFT JOIN bureau mb ON mb.id = c.main_bureau_id
            """, receipts.Select(r => r.LabelTokenHash).ToArray(), receipts.Select(r => r.BureauId).ToArray());

    /// <summary>Reads the result of <see cref="FactsCommand"/>: the facts of each receipt, in order.</summary>
    internal static async Task<IReadOnlyList<ScanFacts>> ReadFactsAsync(NpgsqlDataReader reader, int count, CancellationToken ct)
    {
        var facts = new ScanFacts[count];
        while (await reader.ReadAsync(ct))
        {
            var envelope = reader.IsDBNull(2) ? null : new EnvelopeFacts(reader.GetString(2), reader.GetString(3), EnvelopeStore.ReadState(reader, 4));
            facts[reader.GetInt64(0) - 1] = new ScanFacts(Sql.Offset(reader.GetDateTime(1)), envelope, Name(reader, 9), Name(reader, 11));
        }

        // A receipt of an unknown bureau cannot reach here (intake authenticated it), but a bureau
        // deleted meanwhile must not leave a hole.
        return Array.ConvertAll(facts, f => f ?? throw new InvalidOperationException("a receipt's bureau is not stored"));
    }

    /// <summary>The outcomes ingest stored for these receipts (a receipt still queued is absent).</summary>
    public async Task<IReadOnlyDictionary<long, StoredOutcome>> OutcomesAsync(IReadOnlyCollection<long> receiptIds, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = Sql.Command(conn, null, """
            SELECT o.receipt_id, o.outcome, j.reason
            FROM receipt_outcome o LEFT JOIN receipt_reject j ON j.receipt_id = o.receipt_id
            WHERE o.receipt_id = ANY($1)
            """, receiptIds.ToArray());
        var outcomes = new Dictionary<long, StoredOutcome>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            outcomes[reader.GetInt64(0)] = new StoredOutcome(reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2));
        }

        return outcomes;
    }

    private static BureauName? Name(NpgsqlDataReader reader, int at) => reader.IsDBNull(at) ? null : new BureauName(reader.GetString(at), reader.GetString(at + 1));
}
