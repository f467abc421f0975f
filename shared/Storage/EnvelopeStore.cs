using HybridVote.Domain;
using Npgsql;

namespace HybridVote.Storage;

/// <summary>Reads and writes envelope states in bulk (one statement per batch).</summary>
internal static class EnvelopeStore
{
    internal sealed record Row(byte[] VoterKey, string ElectionId, string ContestId, byte[]? LabelHash, EnvelopeState State);

    public static async Task<List<Row>> LockAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string whereSql, object[] args, CancellationToken ct)
    {
        await using var cmd = Sql.Command(conn, tx, $"""
            SELECT voter_key, election_id, contest_id, label_token_hash, {StateColumns}
            FROM envelope WHERE {whereSql} ORDER BY voter_key, election_id FOR UPDATE
            """, args);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var rows = new List<Row>();
        while (await reader.ReadAsync(ct))
        {
            var state = ReadState(reader, 4);
            rows.Add(new Row(reader.GetFieldValue<byte[]>(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetFieldValue<byte[]>(3), state));
        }

        return rows;
    }

    /// <summary>The columns <see cref="StateColumns"/> read from position <paramref name="at"/> on.</summary>
    public static EnvelopeState ReadState(NpgsqlDataReader reader, int at) => new(
        (EnvelopeStatus)reader.GetInt16(at),
        reader.IsDBNull(at + 1) ? null : Sql.Offset(reader.GetDateTime(at + 1)),
        reader.IsDBNull(at + 2) ? null : reader.GetString(at + 2),
        reader.GetInt32(at + 3),
        reader.GetBoolean(at + 4));

    /// <summary>The envelope columns of a state, in the order <see cref="ReadState"/> reads them.</summary>
    public const string StateColumns = "status, received_at, bureau_id, duplicates, voted_in_person";

    public static NpgsqlBatchCommand Write(IReadOnlyCollection<Row> rows) => Sql.BatchCommand("""
        UPDATE envelope e SET status = u.st, received_at = u.ra, bureau_id = u.bu, duplicates = u.du, voted_in_person = u.vp
        FROM unnest($1::bytea[], $2::text[], $3::smallint[], $4::timestamptz[], $5::text[], $6::int[], $7::boolean[]) AS u(vk, el, st, ra, bu, du, vp)
        WHERE e.voter_key = u.vk AND e.election_id = u.el
        """,
        rows.Select(r => r.VoterKey).ToArray(),
        rows.Select(r => r.ElectionId).ToArray(),
        rows.Select(r => (short)r.State.Status).ToArray(),
        rows.Select(r => r.State.ReceivedAt?.UtcDateTime).ToArray(),
        rows.Select(r => r.State.BureauId).ToArray(),
        rows.Select(r => r.State.Duplicates).ToArray(),
        rows.Select(r => r.State.VotedInPerson).ToArray());
}
