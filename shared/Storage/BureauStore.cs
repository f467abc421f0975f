using Npgsql;

namespace HybridVote.Storage;

/// <summary>Authenticates bureau scanners by their key (stored as a keyed hash).</summary>
public sealed class BureauStore(NpgsqlDataSource db)
{
    /// <summary>The bureau whose key hashes to <paramref name="keyHash"/>, or null.</summary>
    public async Task<BureauInfo?> FindByKeyHashAsync(byte[] keyHash, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = Sql.Command(conn, null, "SELECT id, name, address, election_id, contest_id FROM bureau WHERE key_hash = $1", keyHash);
        return await ReadOneAsync(cmd, ct);
    }

    /// <summary>Stores a new key hash for a bureau (the key itself is shown once and never stored).</summary>
    public async Task SetKeyHashAsync(string bureauId, byte[] keyHash, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = Sql.Command(conn, null, "UPDATE bureau SET key_hash = $2 WHERE id = $1", bureauId, keyHash);
        if (await cmd.ExecuteNonQueryAsync(ct) != 1)
        {
            throw new KeyNotFoundException($"bureau {bureauId} does not exist");
        }
    }

    internal static async Task<BureauInfo?> ReadOneAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        return new BureauInfo(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4));
    }
}
