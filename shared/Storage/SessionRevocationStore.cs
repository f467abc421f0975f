using Npgsql;

namespace HybridVote.Storage;

/// <summary>Ended sessions, by their id (migration 010).</summary>
public sealed class SessionRevocationStore(NpgsqlDataSource db)
{
    /// <summary>Records that the session ends now; it is kept until <paramref name="expiresAt"/>.</summary>
    public async Task RevokeAsync(byte[] sid, DateTimeOffset expiresAt, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = Sql.Command(conn, null, "INSERT INTO session_revocation (sid, expires_at) VALUES ($1, $2) ON CONFLICT DO NOTHING", sid, expiresAt.UtcDateTime);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The sessions ended after <paramref name="since"/>, with the time of the newest (to ask from next time).</summary>
    public async Task<(IReadOnlyList<(byte[] Sid, DateTimeOffset ExpiresAt)> Ended, DateTimeOffset Newest)> EndedSinceAsync(DateTimeOffset since, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = Sql.Command(conn, null, "SELECT sid, expires_at, revoked_at FROM session_revocation WHERE revoked_at > $1 AND expires_at > now() ORDER BY revoked_at", since.UtcDateTime);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var ended = new List<(byte[], DateTimeOffset)>();
        var newest = since;
        while (await reader.ReadAsync(ct))
        {
            ended.Add((reader.GetFieldValue<byte[]>(0), Sql.Offset(reader.GetDateTime(1))));
            newest = Sql.Offset(reader.GetDateTime(2));
        }

        return (ended, newest);
    }

    /// <summary>Removes the entries of sessions that have expired anyway.</summary>
    public async Task PurgeAsync(CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = Sql.Command(conn, null, "DELETE FROM session_revocation WHERE expires_at < now()");
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
