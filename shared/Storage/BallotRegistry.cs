using HybridVote.Domain;
using Npgsql;

namespace HybridVote.Storage;

/// <summary>One counted ballot to register: the K-code's keyed hash, its classification, and the client's entry id.</summary>
public sealed record BallotToRegister(byte[] KCodeHash, string ElectionId, BallotClassification Classification, string EntryId);

/// <summary>The answer per ballot (<see cref="RegisteredBallots.First"/> or <see cref="RegisteredBallots.Copy"/>), or the indexes whose entry id was used for another code (then nothing was written).</summary>
public sealed record RegistrationAnswer(IReadOnlyList<string> Results, IReadOnlyList<int> Reused);

/// <summary>The answers a registration gives, stored with the entry so a retry gets the same one.</summary>
public static class RegisteredBallots
{
    /// <summary>The first registration of the code.</summary>
    public const string First = "registered";

    /// <summary>A later registration of a code already registered.</summary>
    public const string Copy = "copy";

    /// <summary>The president's decision on a copy: a second physical ballot carried the code.</summary>
    public const string Confirmed = "confirmed";

    /// <summary>The president's decision on a copy: the same ballot was registered twice; it is not in the register.</summary>
    public const string Struck = "struck";
}

/// <summary>A later registration of a code already registered, as the president sees it: never the code.</summary>
/// <param name="EntryId">The counting client's entry id.</param>
/// <param name="Classification">The class the ballot was registered in.</param>
/// <param name="RegisteredAt">When.</param>
/// <param name="FirstBureau">The bureau that registered the code first.</param>
/// <param name="Decision">Null until the president decides; then <see cref="RegisteredBallots.Confirmed"/> or <see cref="RegisteredBallots.Struck"/>.</param>
public sealed record DuplicateRegistration(string EntryId, BallotClassification Classification, DateTimeOffset RegisteredAt, string FirstBureau, string? Decision);

/// <summary>
/// Registers counted ballots by K-code hash (FR009, FR012): the first registration wins; a later
/// one is a copy for the president to decide (a second ballot with the code, or the same ballot
/// registered twice). An entry id already seen returns its first answer and changes nothing. A
/// bureau whose tally sheet is locked registers nothing more.
/// </summary>
public sealed class BallotRegistry(NpgsqlDataSource db, AuditLog audit, TimeProvider clock)
{
    /// <summary>Registers the ballots in one transaction; null when the bureau's tally sheet is locked (nothing written).</summary>
    public async Task<RegistrationAnswer?> RegisterAsync(BureauInfo bureau, IReadOnlyList<BallotToRegister> ballots, CancellationToken ct = default)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // The president's lock takes the bureau's row for update: a registration either commits
        // before the lock reads the register, or finds the sheet locked.
        if (await LockedAsync(conn, tx, bureau.Id, "FOR KEY SHARE", ct))
        {
            await tx.RollbackAsync(ct);
            return null;
        }

        // Claim the entry ids first: a concurrent retry of the same request waits here for the
        // first one to commit, then finds its entries taken.
        var fresh = new HashSet<string>(StringComparer.Ordinal);
        await using (var claim = Sql.Command(conn, tx, """
            INSERT INTO registration_entry (bureau_id, entry_id, kcode_hash, classification)
            SELECT $1, e, h, c FROM unnest($2::text[], $3::bytea[], $4::text[]) AS t(e, h, c)
            ON CONFLICT (bureau_id, entry_id) DO NOTHING RETURNING entry_id
            """, bureau.Id, ballots.Select(b => b.EntryId).ToArray(), ballots.Select(b => b.KCodeHash).ToArray(), ballots.Select(b => b.Classification.Code()).ToArray()))
        await using (var reader = await claim.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                fresh.Add(reader.GetString(0));
            }
        }

        var results = new string[ballots.Count];
        var reused = new List<int>();
        var seen = ballots.Where(b => !fresh.Contains(b.EntryId)).Select(b => b.EntryId).ToArray();
        if (seen.Length > 0)
        {
            var earlier = new Dictionary<string, (byte[] Hash, string Result)>(StringComparer.Ordinal);
            await using var cmd = Sql.Command(conn, tx, "SELECT entry_id, kcode_hash, result FROM registration_entry WHERE bureau_id = $1 AND entry_id = ANY($2)", bureau.Id, seen);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                earlier[reader.GetString(0)] = (reader.GetFieldValue<byte[]>(1), reader.GetString(2));
            }

            for (int i = 0; i < ballots.Count; i++)
            {
                if (earlier.TryGetValue(ballots[i].EntryId, out var e))
                {
                    if (e.Hash.AsSpan().SequenceEqual(ballots[i].KCodeHash))
                    {
                        results[i] = e.Result;
                    }
                    else
                    {
                        reused.Add(i);
                    }
                }
            }
        }

        if (reused.Count > 0)
        {
            await tx.RollbackAsync(ct);
            return new RegistrationAnswer([], reused);
        }

        // Rows are locked in one global order (by hash), so overlapping batches from two bureaus
        // wait for each other instead of deadlocking.
        foreach (int i in Enumerable.Range(0, ballots.Count).Where(i => fresh.Contains(ballots[i].EntryId)).OrderBy(i => ballots[i].KCodeHash, ByteArrayOrder.Instance))
        {
            var ballot = ballots[i];
            await using var cmd = Sql.Command(conn, tx, """
                WITH r AS (
                    INSERT INTO registered_ballot (kcode_hash, election_id, contest_id, bureau_id, classification, registered_on)
                    VALUES ($1, $2, $3, $4, $5, $6)
                    ON CONFLICT (kcode_hash) DO NOTHING
                    RETURNING 1)
                UPDATE registration_entry SET result = CASE WHEN EXISTS (SELECT 1 FROM r) THEN $8 ELSE $9 END
                WHERE bureau_id = $4 AND entry_id = $7
                RETURNING result
                """, ballot.KCodeHash, ballot.ElectionId, bureau.ContestId, bureau.Id, ballot.Classification.Code(), today, ballot.EntryId, RegisteredBallots.First, RegisteredBallots.Copy);
            results[i] = (string)(await cmd.ExecuteScalarAsync(ct))!;
        }

        int added = ballots.Count(b => fresh.Contains(b.EntryId));
        if (added > 0)
        {
            string details = $$"""{"ballots":{{added}},"copies":{{results.Where((r, i) => fresh.Contains(ballots[i].EntryId)).Count(r => r == RegisteredBallots.Copy)}}}""";
            await audit.AppendAsync(conn, tx, "bureau:" + bureau.Id, "ballots.registered", bureau.ContestId, details, ct);
        }

        await tx.CommitAsync(ct);
        return new RegistrationAnswer(results, []);
    }

    /// <summary>
    /// The bureau's register per class: every registration except those the president struck
    /// (F.103 compares it with the tally sheet), and how many copies wait for a decision.
    /// </summary>
    public async Task<RegisterCount> CountAsync(string bureauId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await CountAsync(conn, null, bureauId, ct);
    }

    /// <summary>The copies registered at the bureau, oldest first, with the president's decisions.</summary>
    public async Task<IReadOnlyList<DuplicateRegistration>> DuplicatesAsync(string bureauId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = Sql.Command(conn, null, """
            SELECT e.entry_id, e.classification, e.registered_at, b.name, e.decision
            FROM registration_entry e JOIN registered_ballot g ON g.kcode_hash = e.kcode_hash JOIN bureau b ON b.id = g.bureau_id
            WHERE e.bureau_id = $1 AND e.result = $2 ORDER BY e.registered_at, e.entry_id
            """, bureauId, RegisteredBallots.Copy);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var list = new List<DuplicateRegistration>();
        while (await reader.ReadAsync(ct))
        {
            list.Add(new DuplicateRegistration(reader.GetString(0), BallotClassifications.FromCode(reader.GetString(1)) ?? BallotClassification.Valid,
                Sql.Offset(reader.GetDateTime(2)), reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4)));
        }

        return list;
    }

    /// <summary>
    /// The president's decision on a copy registered at the bureau: <paramref name="confirmed"/> (a
    /// second ballot carried the code: the voter's status will say so) or struck. Returns the code's
    /// hash for the status cache, or null when there is no such undecided copy or the sheet is locked.
    /// </summary>
    public async Task<byte[]?> DecideDuplicateAsync(string bureauId, string entryId, bool confirmed, string actor, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (await LockedAsync(conn, tx, bureauId, "FOR KEY SHARE", ct))
        {
            await tx.RollbackAsync(ct);
            return null;
        }

        await using var cmd = Sql.Command(conn, tx, """
            WITH d AS (
                UPDATE registration_entry SET decision = $3, decided_by = $4
                WHERE bureau_id = $1 AND entry_id = $2 AND result = $5 AND decision IS NULL
                RETURNING kcode_hash),
            c AS (UPDATE registered_ballot SET copies = copies + 1 WHERE $3 = $6 AND kcode_hash = (SELECT kcode_hash FROM d))
            SELECT kcode_hash FROM d
            """, bureauId, entryId, confirmed ? RegisteredBallots.Confirmed : RegisteredBallots.Struck, actor, RegisteredBallots.Copy, RegisteredBallots.Confirmed);
        if (await cmd.ExecuteScalarAsync(ct) is not byte[] hash)
        {
            await tx.RollbackAsync(ct);
            return null;
        }

        await audit.AppendAsync(conn, tx, actor, confirmed ? "ballots.copy.confirmed" : "ballots.copy.struck", bureauId, "{}", ct);
        await tx.CommitAsync(ct);
        return hash;
    }

    /// <summary>The keyed hashes of every code registered at the bureau (for the status cache, when its lock changes).</summary>
    public async Task<IReadOnlyList<byte[]>> HashesAsync(string bureauId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = Sql.Command(conn, null, "SELECT kcode_hash FROM registration_entry WHERE bureau_id = $1", bureauId);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var hashes = new List<byte[]>();
        while (await reader.ReadAsync(ct))
        {
            hashes.Add(reader.GetFieldValue<byte[]>(0));
        }

        return hashes;
    }

    /// <summary>The register's count read inside a transaction (the lock re-reads it under its row lock).</summary>
    internal static async Task<RegisterCount> CountAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string bureauId, CancellationToken ct)
    {
        await using var cmd = Sql.Command(conn, tx, """
            SELECT classification, count(*) FILTER (WHERE decision IS DISTINCT FROM $2), count(*) FILTER (WHERE result = $3 AND decision IS NULL)
            FROM registration_entry WHERE bureau_id = $1 AND result IS NOT NULL GROUP BY classification
            """, bureauId, RegisteredBallots.Struck, RegisteredBallots.Copy);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var perClass = BallotClassifications.All.ToDictionary(c => c, _ => 0L);
        long undecided = 0;
        while (await reader.ReadAsync(ct))
        {
            if (BallotClassifications.FromCode(reader.GetString(0)) is { } c)
            {
                perClass[c] += reader.GetInt64(1);
            }

            undecided += reader.GetInt64(2);
        }

        return new RegisterCount(perClass, undecided);
    }

    /// <summary>Whether the bureau's sheet is locked, taking the bureau's row with <paramref name="rowLock"/>.</summary>
    internal static async Task<bool> LockedAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string bureauId, string rowLock, CancellationToken ct)
    {
        await using var cmd = Sql.Command(conn, tx, $"SELECT EXISTS (SELECT 1 FROM tally_lock l WHERE l.bureau_id = b.id) FROM bureau b WHERE b.id = $1 {rowLock}", bureauId);
        return await cmd.ExecuteScalarAsync(ct) is true;
    }
}

/// <summary>A bureau's register: ballots per class (struck copies left out) and the copies still waiting for the president.</summary>
public sealed record RegisterCount(IReadOnlyDictionary<BallotClassification, long> PerClass, long Undecided)
{
    /// <summary>The same register, for comparing what the lock re-reads with what the checks saw.</summary>
    public bool SameAs(RegisterCount other) => Undecided == other.Undecided && PerClass.All(p => other.PerClass.GetValueOrDefault(p.Key) == p.Value);
}
