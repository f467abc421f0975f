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
}

/// <summary>
/// Registers counted ballots by K-code hash (FR009, FR012): the first registration wins, later ones
/// count as copies; an entry id already seen returns its first answer and changes nothing.
/// </summary>
public sealed class BallotRegistry(NpgsqlDataSource db, AuditLog audit, TimeProvider clock)
{
    /// <summary>Registers the ballots in one transaction.</summary>
    public async Task<RegistrationAnswer> RegisterAsync(BureauInfo bureau, IReadOnlyList<BallotToRegister> ballots, CancellationToken ct = default)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // Claim the entry ids first: a concurrent retry of the same request waits here for the
        // first one to commit, then finds its entries taken.
        var fresh = new HashSet<string>(StringComparer.Ordinal);
        await using (var claim = Sql.Command(conn, tx, """
            INSERT INTO registration_entry (bureau_id, entry_id, kcode_hash)
            SELECT $1, e, h FROM unnest($2::text[], $3::bytea[]) AS t(e, h)
            ON CONFLICT (bureau_id, entry_id) DO NOTHING RETURNING entry_id
            """, bureau.Id, ballots.Select(b => b.EntryId).ToArray(), ballots.Select(b => b.KCodeHash).ToArray()))
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
                    ON CONFLICT (kcode_hash) DO UPDATE SET copies = registered_ballot.copies + 1
                    RETURNING copies = 1 AS first)
                UPDATE registration_entry SET result = CASE WHEN (SELECT first FROM r) THEN $8 ELSE $9 END
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
}
