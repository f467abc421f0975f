using HybridVote.Domain;
using Npgsql;

namespace HybridVote.Storage;

/// <summary>Reads what a voter may see: the envelope side by identity, the ballot side by K-code hash (FR009).</summary>
public sealed class StatusStore(NpgsqlDataSource db)
{
    /// <summary>
    /// The envelope records of a voter, one per election: the envelope once a label was printed,
    /// "not received" for the voter's other elections.
    /// </summary>
    public async Task<IReadOnlyList<EnvelopeView>> EnvelopesAsync(byte[] voterKey, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = Sql.Command(conn, null, """
            SELECT x.election_id, el.name, x.status, x.received_at, x.bureau_id, x.duplicates, x.voted_in_person FROM (
                SELECT election_id, status, received_at, bureau_id, duplicates, voted_in_person FROM envelope WHERE voter_key = $1
                UNION ALL
                SELECT dc.election_id, 0::smallint, NULL::timestamptz, NULL::text, 0, false
                FROM voter v JOIN district_contest dc ON dc.district_id = v.district
                WHERE v.voter_key = $1 AND NOT EXISTS (SELECT 1 FROM envelope e WHERE e.voter_key = v.voter_key AND e.election_id = dc.election_id)
            ) x JOIN election el ON el.id = x.election_id ORDER BY x.election_id
            """, voterKey);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var result = new List<EnvelopeView>();
        while (await reader.ReadAsync(ct))
        {
            var state = new EnvelopeState((EnvelopeStatus)reader.GetInt16(2), reader.IsDBNull(3) ? null : Sql.Offset(reader.GetDateTime(3)),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetInt32(5), reader.GetBoolean(6));
            result.Add(new EnvelopeView(reader.GetString(0), reader.GetString(1), state));
        }

        return result;
    }

    /// <summary>
    /// The registration of a counted ballot once the bureau that registered it has locked its
    /// figures (REQUIREMENTS §6: "counted" only then), or null. Copies are the ballots the
    /// president confirmed carried the code.
    /// </summary>
    public async Task<RegisteredBallot?> BallotAsync(byte[] kcodeHash, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = Sql.Command(conn, null, """
            SELECT g.election_id, g.registered_on, g.copies FROM registered_ballot g
            WHERE g.kcode_hash = $1 AND EXISTS (SELECT 1 FROM tally_lock l WHERE l.bureau_id = g.bureau_id)
            """, kcodeHash);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        return new RegisteredBallot(reader.GetString(0), reader.GetFieldValue<DateOnly>(1), reader.GetInt32(2));
    }
}
