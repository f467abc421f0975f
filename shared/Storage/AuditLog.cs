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
    /// <summary>
    /// Number of hash chains: with 256, two of 16 concurrent prints share a chain (and one waits for
    /// the other's commit) about 6 % of the time, against 60 % with 16 (K-code issue p99, NFR002).
    /// The count may change between releases: each event stores its chain and verification follows
    /// the stored chains.
    /// </summary>
    public const int Chains = 256;

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
        await Sql.ExecBatchAsync(conn, tx, ct, LockChain(actor));
        await AppendLockedAsync(conn, tx, actor, action, subject, detailsJson, ct);
    }

    /// <summary>
    /// The statement that takes the actor's chain until the transaction ends; a caller may send it
    /// in a batch with its own statements, then call <see cref="AppendLockedAsync"/>.
    /// </summary>
    public static NpgsqlBatchCommand LockChain(string actor) => Sql.BatchCommand($"SELECT pg_advisory_xact_lock({ChainLock}, {ChainOf(actor)})");

    /// <summary>
    /// Appends an event once <see cref="LockChain"/> has run in the transaction. The chain's head is
    /// read by a statement of its own, after the lock: in READ COMMITTED a statement's snapshot is
    /// taken when it starts, so a read in the locking statement could miss a head committed meanwhile.
    /// </summary>
    public async Task AppendLockedAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string actor, string action, string subject, string detailsJson, CancellationToken ct)
    {
        short chain = ChainOf(actor);
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
