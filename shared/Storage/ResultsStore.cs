using HybridVote.ElectionResults;
using Npgsql;

namespace HybridVote.Storage;

/// <summary>
/// Loads what a constituency's count is made from (REQUIREMENTS §6): the election and constituency
/// it is about, and every bureau of the constituency with its lock (null while unlocked) and what its
/// reception received. Figures are read only from locked snapshots; summing and deciding is
/// <see cref="CountReports"/>'s.
/// </summary>
public sealed class ResultsStore(NpgsqlDataSource db, ReceptionStore reception)
{
    /// <summary>The constituencies of an election, by id.</summary>
    public async Task<IReadOnlyList<CountHeader>> HeadersAsync(string electionId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = Sql.Command(conn, null, """
            SELECT e.event_id, e.id, e.name, c.id, c.name, c.languages, c.seats
            FROM election e JOIN contest c ON c.election_id = e.id WHERE e.id = $1 ORDER BY c.id
            """, electionId);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var headers = new List<CountHeader>();
        while (await reader.ReadAsync(ct))
        {
            headers.Add(new CountHeader(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetInt32(6)));
        }

        return headers;
    }

    /// <summary>Every bureau of the constituency, by id, with its lock and its reception's totals.</summary>
    public async Task<IReadOnlyList<BureauSheet>> SheetsAsync(string electionId, string contestId, CancellationToken ct = default)
    {
        var rows = new List<(string Id, string Name, bool Abroad, LockedSheet? Lock)>();
        await using (var conn = await db.OpenConnectionAsync(ct))
        await using (var cmd = Sql.Command(conn, null, """
            SELECT b.id, b.name, b.abroad, l.snapshot, l.sha256, l.version, l.locked_at, l.locked_by
            FROM bureau b LEFT JOIN tally_lock l ON l.bureau_id = b.id
            WHERE b.election_id = $1 AND b.contest_id = $2 ORDER BY b.id
            """, electionId, contestId))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                rows.Add((reader.GetString(0), reader.GetString(1), reader.GetBoolean(2), reader.IsDBNull(3) ? null
                    : new LockedSheet(reader.GetString(3), reader.GetString(4), reader.GetInt32(5), Sql.Offset(reader.GetDateTime(6)), reader.GetString(7))));
            }
        }

        var received = await reception.TotalsAsync([.. rows.Select(r => r.Id)], ct);
        return [.. rows.Select(r => new BureauSheet(r.Id, r.Name, r.Abroad, r.Lock, received.GetValueOrDefault(r.Id)))];
    }
}
