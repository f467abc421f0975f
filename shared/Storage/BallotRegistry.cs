using HybridVote.Domain;
using Npgsql;

namespace HybridVote.Storage;

/// <summary>One counted ballot to register: the K-code's keyed hash and its classification.</summary>
public sealed record BallotToRegister(byte[] KCodeHash, string ElectionId, BallotClassification Classification);

/// <summary>Registers counted ballots by K-code hash (FR009, FR012): the first registration wins, later ones count as copies.</summary>
public sealed class BallotRegistry(NpgsqlDataSource db, AuditLog audit, TimeProvider clock)
{
    /// <summary>Registers the ballots in one transaction; returns, per ballot, whether it was the first copy.</summary>
    public async Task<IReadOnlyList<bool>> RegisterAsync(BureauInfo bureau, IReadOnlyList<BallotToRegister> ballots, CancellationToken ct = default)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var first = new bool[ballots.Count];
        // Rows are locked in one global order (by hash), so overlapping batches from two bureaus
        // wait for each other instead of deadlocking.
        foreach (int i in Enumerable.Range(0, ballots.Count).OrderBy(i => ballots[i].KCodeHash, ByteArrayOrder.Instance))
        {
            var ballot = ballots[i];
            await using var cmd = Sql.Command(conn, tx, """
                INSERT INTO registered_ballot (kcode_hash, election_id, contest_id, bureau_id, classification, registered_on)
                VALUES ($1, $2, $3, $4, $5, $6)
                ON CONFLICT (kcode_hash) DO UPDATE SET copies = registered_ballot.copies + 1
                RETURNING copies = 1
                """, ballot.KCodeHash, ballot.ElectionId, bureau.ContestId, bureau.Id, ballot.Classification.Code(), today);
            first[i] = (bool)(await cmd.ExecuteScalarAsync(ct))!;
        }

        string details = $$"""{"ballots":{{ballots.Count}},"copies":{{first.Count(f => !f)}}}""";
        await audit.AppendAsync(conn, tx, "bureau:" + bureau.Id, "ballots.registered", bureau.ContestId, details, ct);
        await tx.CommitAsync(ct);
        return first;
    }
}
