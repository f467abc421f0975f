using Npgsql;

namespace HybridVote.Storage;

/// <summary>Authenticates bureau scanners by their key (stored as a keyed hash).</summary>
public sealed class BureauStore(NpgsqlDataSource db, AuditLog audit)
{
    /// <summary>The bureau whose key hashes to <paramref name="keyHash"/>, or null.</summary>
    public async Task<BureauInfo?> FindByKeyHashAsync(byte[] keyHash, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = Sql.Command(conn, null, "SELECT id, name, address, election_id, contest_id FROM bureau WHERE key_hash = $1", keyHash);
        return await ReadOneAsync(cmd, ct);
    }

    /// <summary>The bureau whose registered client certificate has this SHA-256, or null.</summary>
    public async Task<BureauInfo?> FindByCertificateAsync(byte[] certificateSha256, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = Sql.Command(conn, null, "SELECT id, name, address, election_id, contest_id FROM bureau WHERE cert_sha256 = $1", certificateSha256);
        return await ReadOneAsync(cmd, ct);
    }

    /// <summary>Registers the client certificate of a bureau (replacing the previous one); audited (TR008).</summary>
    public async Task SetCertificateAsync(string bureauId, byte[] certificateSha256, string actor, CancellationToken ct = default) =>
        await SetAsync("UPDATE bureau SET cert_sha256 = $2 WHERE id = $1", bureauId, certificateSha256, actor, "bureau.certificate", ct);

    /// <summary>Stores a new key hash for a bureau (the key itself is shown once and never stored).</summary>
    public async Task SetKeyHashAsync(string bureauId, byte[] keyHash, string actor, CancellationToken ct = default) =>
        await SetAsync("UPDATE bureau SET key_hash = $2 WHERE id = $1", bureauId, keyHash, actor, "bureau.key", ct);

    private async Task SetAsync(string sql, string bureauId, byte[] value, string actor, string action, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using var cmd = Sql.Command(conn, tx, sql, bureauId, value);
        if (await cmd.ExecuteNonQueryAsync(ct) != 1)
        {
            throw new KeyNotFoundException($"bureau {bureauId} does not exist");
        }

        // Who gave a bureau a new credential, never the credential (TR008).
        await audit.AppendAsync(conn, tx, actor, action, bureauId, "{}", ct);
        await tx.CommitAsync(ct);
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
