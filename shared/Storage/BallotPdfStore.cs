using Npgsql;

namespace HybridVote.Storage;

/// <summary>A stored blank ballot and the version of the candidate lists it was rendered from.</summary>
public sealed record StoredBallot(int ListsVersion, int Sheets, byte[] Pdf);

/// <summary>The stored copies of rendered blank ballots, and the lists version that invalidates them.</summary>
public sealed class BallotPdfStore(NpgsqlDataSource db)
{
    /// <summary>The current lists version of a constituency, or null when it does not exist.</summary>
    public async Task<int?> ListsVersionAsync(string electionId, string contestId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = Sql.Command(conn, null, "SELECT lists_version FROM contest WHERE election_id = $1 AND id = $2", electionId, contestId);
        return await cmd.ExecuteScalarAsync(ct) as int?;
    }

    /// <summary>The stored ballot, or null.</summary>
    public async Task<StoredBallot?> GetAsync(string electionId, string contestId, string languages, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = Sql.Command(conn, null, "SELECT lists_version, sheets, pdf FROM ballot_pdf WHERE election_id = $1 AND contest_id = $2 AND languages = $3",
            electionId, contestId, languages);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? new StoredBallot(reader.GetInt32(0), reader.GetInt32(1), reader.GetFieldValue<byte[]>(2)) : null;
    }

    /// <summary>Stores (or replaces) a rendered ballot.</summary>
    public async Task PutAsync(string electionId, string contestId, string languages, StoredBallot ballot, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = Sql.Command(conn, null, """
            INSERT INTO ballot_pdf (election_id, contest_id, languages, lists_version, sheets, pdf) VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (election_id, contest_id, languages) DO UPDATE SET lists_version = $4, sheets = $5, pdf = $6, rendered_at = now()
            """, electionId, contestId, languages, ballot.ListsVersion, ballot.Sheets, ballot.Pdf);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
