using System.Text.Json;
using HybridVote.Domain;
using Npgsql;

namespace HybridVote.Storage;

/// <summary>A bureau's double entry as stored, with the version a change must name, and its lock once locked.</summary>
public sealed record StoredTally(DoubleEntry Entry, int Version, LockedTally? Lock = null);

/// <summary>A locked tally sheet: the SHA-256 of its canonical snapshot, when and by whom.</summary>
public sealed record LockedTally(string Sha256, DateTimeOffset LockedAt, string LockedBy);

/// <summary>
/// Keeps each counting bureau's double entry (<see cref="DoubleEntry"/>, decided in Domain): a
/// change is written only if nobody changed the sheet since it was read (compare-and-set on the
/// version), and is audited with who did what — never a value, so the trail carries no early result (FR012).
/// </summary>
public sealed class TallyStore(NpgsqlDataSource db, AuditLog audit)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The bureau's double entry, or null before its first entry.</summary>
    public async Task<StoredTally?> LoadAsync(string bureauId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = Sql.Command(conn, null, """
            SELECT t.state::text, t.version, l.sha256, l.locked_at, l.locked_by
            FROM tally_entry t LEFT JOIN tally_lock l ON l.bureau_id = t.bureau_id WHERE t.bureau_id = $1
            """, bureauId);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? new StoredTally(Decode(reader.GetString(0)), reader.GetInt32(1), reader.IsDBNull(2) ? null : new LockedTally(reader.GetString(2), Sql.Offset(reader.GetDateTime(3)), reader.GetString(4)))
            : null;
    }

    /// <summary>
    /// Writes <paramref name="next"/> when the stored version is still <paramref name="readVersion"/>
    /// (0: nothing stored yet); returns false when someone changed the sheet meanwhile (read again).
    /// </summary>
    public async Task<bool> SaveAsync(string bureauId, DoubleEntry next, int readVersion, string actor, string action, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var cmd = Sql.Command(conn, tx, """
            INSERT INTO tally_entry (bureau_id, version, state) VALUES ($1, $2 + 1, $3::jsonb)
            ON CONFLICT (bureau_id) DO UPDATE SET version = excluded.version, state = excluded.state, updated_at = now()
            WHERE tally_entry.version = $2 AND NOT EXISTS (SELECT 1 FROM tally_lock l WHERE l.bureau_id = $1)
            """, bureauId, readVersion, Encode(next)))
        {
            if (await cmd.ExecuteNonQueryAsync(ct) == 0)
            {
                await tx.RollbackAsync(ct);
                return false;
            }
        }

        await audit.AppendAsync(conn, tx, actor, action, bureauId, $$"""{"state":"{{next.State}}","round":{{next.Round}}}""", ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// Locks the sheet with its canonical snapshot when it is still at <paramref name="readVersion"/>
    /// and not locked; returns false otherwise. Audited with the SHA-256.
    /// </summary>
    public async Task<bool> LockAsync(string bureauId, int readVersion, string snapshot, string sha256, string actor, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var cmd = Sql.Command(conn, tx, """
            INSERT INTO tally_lock (bureau_id, snapshot, sha256, locked_by)
            SELECT $1, $3, $4, $5 FROM tally_entry WHERE bureau_id = $1 AND version = $2
            ON CONFLICT (bureau_id) DO NOTHING
            """, bureauId, readVersion, snapshot, sha256, actor))
        {
            if (await cmd.ExecuteNonQueryAsync(ct) == 0)
            {
                await tx.RollbackAsync(ct);
                return false;
            }
        }

        await audit.AppendAsync(conn, tx, actor, "tally.lock", bureauId, $$"""{"sha256":"{{sha256}}"}""", ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>The stored form of a double entry (JSON).</summary>
    public static string Encode(DoubleEntry entry) => JsonSerializer.Serialize(new Snapshot(
        entry.State, entry.Round, [.. entry.Open], entry.Settled.ToDictionary(p => p.Key, p => p.Value), entry.First,
        entry.Differing.ToDictionary(p => p.Key, p => new[] { p.Value.First, p.Value.Second }), entry.SecondTypist, [.. entry.SentBack]), Json);

    /// <summary>A double entry from its stored form.</summary>
    public static DoubleEntry Decode(string json)
    {
        var s = JsonSerializer.Deserialize<Snapshot>(json, Json) ?? throw new InvalidDataException("an empty tally entry");
        return new DoubleEntry(s.State, s.Round, s.Open, s.Settled, s.First, s.Differing.ToDictionary(p => p.Key, p => (p.Value[0], p.Value[1])), s.SecondTypist, s.SentBack.ToHashSet(StringComparer.Ordinal));
    }

    private sealed record Snapshot(EntryState State, int Round, List<string> Open, Dictionary<string, SettledValue> Settled, RoundEntry? First,
        Dictionary<string, long[]> Differing, string? SecondTypist, List<string> SentBack);
}
