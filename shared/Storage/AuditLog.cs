using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace HybridVote.Storage;

/// <summary>
/// The append-only, hash-chained audit trail (TR008, SEC007): who, what, when (UTC). Entries
/// never carry a K-code, a national number, a name or a label token. Events are spread over
/// <see cref="Chains"/> chains by actor: an append locks only its chain until commit, so prints of
/// different voters do not queue behind one lock. A transaction appends at most one event.
/// </summary>
public sealed class AuditLog(TimeProvider clock)
{
    /// <summary>Number of hash chains.</summary>
    public const int Chains = 16;

    private const int ChainLock = 7_246_002;

    /// <summary>The chain of an actor: stable across processes (FNV-1a of the name).</summary>
    public static short ChainOf(string actor)
    {
        uint hash = 2166136261;
        foreach (char ch in actor)
        {
            hash = (hash ^ ch) * 16777619;
        }

        return (short)(hash % Chains);
    }

    /// <summary>Appends an event inside the caller's transaction.</summary>
    public async Task AppendAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string actor, string action, string subject, string detailsJson, CancellationToken ct)
    {
        short chain = ChainOf(actor);
        await Sql.ExecAsync(conn, tx, $"SELECT pg_advisory_xact_lock({ChainLock}, {chain})", ct);
        byte[] prev;
        await using (var last = Sql.Command(conn, tx, "SELECT hash FROM audit_event WHERE chain = $1 ORDER BY id DESC LIMIT 1", chain))
        {
            prev = await last.ExecuteScalarAsync(ct) as byte[] ?? new byte[32];
        }

        var at = clock.GetUtcNow();
        byte[] hash = ChainHash(prev, at, actor, action, subject, detailsJson);
        await using var insert = Sql.Command(conn, tx,
            "INSERT INTO audit_event (at, actor, action, subject, details, prev_hash, hash, chain) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            Sql.Utc(at), actor, action, subject, detailsJson, prev, hash, chain);
        await insert.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Recomputes the chain; returns the id of the first broken entry, or null when intact.</summary>
    public static async Task<long?> VerifyAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = Sql.Command(conn, null, "SELECT id, at, actor, action, subject, details, prev_hash, hash, chain FROM audit_event ORDER BY chain, id");
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        byte[] prev = new byte[32];
        short chain = 0;
        while (await reader.ReadAsync(ct))
        {
            if (reader.GetInt16(8) != chain)
            {
                // Each chain starts from zeros; an event moved to another chain breaks both.
                chain = reader.GetInt16(8);
                prev = new byte[32];
            }

            var expected = ChainHash(prev, Sql.Offset(reader.GetDateTime(1)), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5));
            if (!reader.GetFieldValue<byte[]>(6).AsSpan().SequenceEqual(prev) || !reader.GetFieldValue<byte[]>(7).AsSpan().SequenceEqual(expected))
            {
                return reader.GetInt64(0);
            }

            prev = expected;
        }

        return null;
    }

    private static byte[] ChainHash(byte[] prev, DateTimeOffset at, string actor, string action, string subject, string details)
    {
        string line = string.Join('\u001f', at.ToUnixTimeMilliseconds(), actor, action, subject, details);
        return SHA256.HashData([.. prev, .. Encoding.UTF8.GetBytes(line)]);
    }
}
