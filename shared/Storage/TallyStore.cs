using System.Text.Json;
using HybridVote.Domain;
using Npgsql;

namespace HybridVote.Storage;

/// <summary>A bureau's double entry as stored, with the version a change must name, and its lock once locked.</summary>
public sealed record StoredTally(DoubleEntry Entry, int Version, LockedTally? Lock = null);

/// <summary>A locked tally sheet: the SHA-256 of its canonical snapshot, when and by whom, and which version (1, then one more after each unlock).</summary>
public sealed record LockedTally(string Sha256, DateTimeOffset LockedAt, string LockedBy, int Version = 1);

/// <summary>An earlier lock that the constituency's president lifted: the version kept, who unlocked it, when and why.</summary>
public sealed record UnlockedTally(int Version, string Sha256, DateTimeOffset LockedAt, DateTimeOffset UnlockedAt, string UnlockedBy, string Reason);

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
            SELECT t.state::text, t.version, l.sha256, l.locked_at, l.locked_by, l.version
            FROM tally_entry t LEFT JOIN tally_lock l ON l.bureau_id = t.bureau_id WHERE t.bureau_id = $1
            """, bureauId);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? new StoredTally(Decode(reader.GetString(0)), reader.GetInt32(1), reader.IsDBNull(2) ? null : new LockedTally(reader.GetString(2), Sql.Offset(reader.GetDateTime(3)), reader.GetString(4), reader.GetInt32(5)))
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
    /// Locks the sheet with its canonical snapshot when it is still at <paramref name="readVersion"/>,
    /// not locked, and the bureau's register is still <paramref name="register"/> (what the checks
    /// saw); returns false otherwise. Audited with the SHA-256 and the version.
    /// </summary>
    public async Task<bool> LockAsync(string bureauId, int readVersion, RegisterCount register, string snapshot, string sha256, string actor, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // The bureau's row for update: registrations wait, then find the sheet locked.
        if (await BallotRegistry.LockedAsync(conn, tx, bureauId, "FOR UPDATE", ct) || !(await BallotRegistry.CountAsync(conn, tx, bureauId, ct)).SameAs(register))
        {
            await tx.RollbackAsync(ct);
            return false;
        }

        int version;
        await using (var cmd = Sql.Command(conn, tx, """
            INSERT INTO tally_lock (bureau_id, snapshot, sha256, locked_by, version)
            SELECT $1, $3, $4, $5, 1 + (SELECT count(*) FROM tally_unlocked u WHERE u.bureau_id = $1)::int FROM tally_entry WHERE bureau_id = $1 AND version = $2
            ON CONFLICT (bureau_id) DO NOTHING RETURNING version
            """, bureauId, readVersion, snapshot, sha256, actor))
        {
            if (await cmd.ExecuteScalarAsync(ct) is not int v)
            {
                await tx.RollbackAsync(ct);
                return false;
            }

            version = v;
        }

        await audit.AppendAsync(conn, tx, actor, "tally.lock", bureauId, $$"""{"sha256":"{{sha256}}","version":{{version}}}""", ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// Lifts the lock of version <paramref name="lockedVersion"/>: the version is kept in
    /// <c>tally_unlocked</c> with who unlocked it and why, audited; the sheet can then be corrected
    /// and locked again as the next version. False when that version is not the current lock.
    /// </summary>
    public async Task<bool> UnlockAsync(string bureauId, int lockedVersion, string actor, string reason, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var cmd = Sql.Command(conn, tx, """
            WITH l AS (DELETE FROM tally_lock WHERE bureau_id = $1 AND version = $2 RETURNING *)
            INSERT INTO tally_unlocked (bureau_id, version, snapshot, sha256, locked_at, locked_by, unlocked_by, reason)
            SELECT bureau_id, version, snapshot, sha256, locked_at, locked_by, $3, $4 FROM l
            """, bureauId, lockedVersion, actor, reason))
        {
            if (await cmd.ExecuteNonQueryAsync(ct) == 0)
            {
                await tx.RollbackAsync(ct);
                return false;
            }
        }

        await audit.AppendAsync(conn, tx, actor, "tally.unlock", bureauId, JsonSerializer.Serialize(new { version = lockedVersion, reason }), ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>The bureau's earlier, unlocked versions, oldest first.</summary>
    public async Task<IReadOnlyList<UnlockedTally>> UnlockedAsync(string bureauId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = Sql.Command(conn, null, "SELECT version, sha256, locked_at, unlocked_at, unlocked_by, reason FROM tally_unlocked WHERE bureau_id = $1 ORDER BY version", bureauId);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var list = new List<UnlockedTally>();
        while (await reader.ReadAsync(ct))
        {
            list.Add(new UnlockedTally(reader.GetInt32(0), reader.GetString(1), Sql.Offset(reader.GetDateTime(2)), Sql.Offset(reader.GetDateTime(3)), reader.GetString(4), reader.GetString(5)));
        }

        return list;
    }

    /// <summary>The locked sheets of the constituency's other bureaus (W.203: the same paper entered twice?), as canonical snapshots.</summary>
    public async Task<IReadOnlyList<string>> OtherLockedSnapshotsAsync(string electionId, string contestId, string bureauId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = Sql.Command(conn, null, """
            SELECT l.snapshot FROM tally_lock l JOIN bureau b ON b.id = l.bureau_id
            WHERE b.election_id = $1 AND b.contest_id = $2 AND b.id <> $3
            """, electionId, contestId, bureauId);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var list = new List<string>();
        while (await reader.ReadAsync(ct))
        {
            list.Add(reader.GetString(0));
        }

        return list;
    }

    /// <summary>
    /// The count's progress per constituency of the elections: bureaus, and sheets per state (FR012:
    /// counts of bureaus only, never a figure of a sheet).
    /// </summary>
    public async Task<IReadOnlyList<CountingProgressLine>> ProgressAsync(IReadOnlyCollection<string> electionIds, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = Sql.Command(conn, null, """
            SELECT b.election_id, e.name, b.contest_id, coalesce(c.name, b.contest_id), count(*),
                   count(*) FILTER (WHERE t.bureau_id IS NULL),
                   count(*) FILTER (WHERE l.bureau_id IS NULL AND (t.state->>'state')::int = $2),
                   count(*) FILTER (WHERE l.bureau_id IS NULL AND (t.state->>'state')::int = $3),
                   count(*) FILTER (WHERE l.bureau_id IS NULL AND (t.state->>'state')::int = $4),
                   count(*) FILTER (WHERE l.bureau_id IS NULL AND (t.state->>'state')::int = $5),
                   count(l.bureau_id)
            FROM bureau b JOIN election e ON e.id = b.election_id
            LEFT JOIN contest c ON c.election_id = b.election_id AND c.id = b.contest_id
            LEFT JOIN tally_entry t ON t.bureau_id = b.id LEFT JOIN tally_lock l ON l.bureau_id = b.id
            WHERE b.election_id = ANY($1)
            GROUP BY b.election_id, e.name, b.contest_id, c.name ORDER BY b.election_id, b.contest_id
            """, (object)electionIds.ToArray(), (int)EntryState.AwaitingFirst, (int)EntryState.AwaitingSecond, (int)EntryState.Differences, (int)EntryState.Definitive);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var lines = new List<CountingProgressLine>();
        while (await reader.ReadAsync(ct))
        {
            lines.Add(new CountingProgressLine(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4), reader.GetInt64(5),
                reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8), reader.GetInt64(9), reader.GetInt64(10)));
        }

        return lines;
    }

    /// <summary>The definitive sheets not yet locked of the elections' bureaus, with their constituency (for the warnings still open).</summary>
    public async Task<IReadOnlyList<(string ElectionId, string ContestId, DoubleEntry Entry)>> DefinitiveUnlockedAsync(IReadOnlyCollection<string> electionIds, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = Sql.Command(conn, null, """
            SELECT b.election_id, b.contest_id, t.state::text FROM tally_entry t JOIN bureau b ON b.id = t.bureau_id
            LEFT JOIN tally_lock l ON l.bureau_id = t.bureau_id
            WHERE b.election_id = ANY($1) AND l.bureau_id IS NULL AND (t.state->>'state')::int = $2
            """, (object)electionIds.ToArray(), (int)EntryState.Definitive);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var list = new List<(string, string, DoubleEntry)>();
        while (await reader.ReadAsync(ct))
        {
            list.Add((reader.GetString(0), reader.GetString(1), Decode(reader.GetString(2))));
        }

        return list;
    }

    /// <summary>Every bureau of a constituency with where its sheet stands (null: no entry yet) and its lock version; never a figure.</summary>
    public async Task<IReadOnlyList<(string Id, string Name, EntryState? State, int? LockVersion)>> ConstituencyAsync(string electionId, string contestId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = Sql.Command(conn, null, """
            SELECT b.id, b.name, (t.state->>'state')::int, l.version FROM bureau b
            LEFT JOIN tally_entry t ON t.bureau_id = b.id LEFT JOIN tally_lock l ON l.bureau_id = b.id
            WHERE b.election_id = $1 AND b.contest_id = $2 ORDER BY b.id
            """, electionId, contestId);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var list = new List<(string, string, EntryState?, int?)>();
        while (await reader.ReadAsync(ct))
        {
            list.Add((reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : (EntryState)reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetInt32(3)));
        }

        return list;
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
