using System.Text.Json;
using Npgsql;
using StackExchange.Redis;

namespace HybridVote.Storage;

/// <summary>
/// Erases an election's data once it is validated (NFR001, NFR011, TR014): everything that links to
/// a voter or a ballot — envelopes and label tokens, receipts, the in-person list, registered
/// K-code hashes, the voters and districts no other election needs, staff roles, bureau
/// credentials, stored ballots — in one transaction, audited. The counts (tally sheets, locks,
/// reception hand counts), the lists, the bureaus and the audit chain stay. It refuses before the
/// validation and is idempotent: a second run deletes nothing and says so. Then it drops the
/// session revocations that have expired and every Redis key of the deployment (status answers
/// and check limits are caches).
/// </summary>
public sealed class RetentionPurge(NpgsqlDataSource db, AuditLog audit, IConnectionMultiplexer redis, TimeProvider clock)
{
    // In order: children before parents. A statement naming $1 takes the election id.
    private static readonly (string Table, string Sql)[] Steps =
    [
        ("receipt_outcome", "DELETE FROM receipt_outcome WHERE receipt_id IN (SELECT r.id FROM receipt r JOIN bureau b ON b.id = r.bureau_id WHERE b.election_id = $1)"),
        ("receipt_reject", "DELETE FROM receipt_reject WHERE receipt_id IN (SELECT r.id FROM receipt r JOIN bureau b ON b.id = r.bureau_id WHERE b.election_id = $1)"),
        ("receipt_queue", "DELETE FROM receipt_queue WHERE receipt_id IN (SELECT r.id FROM receipt r JOIN bureau b ON b.id = r.bureau_id WHERE b.election_id = $1)"),
        ("receipt", "DELETE FROM receipt WHERE bureau_id IN (SELECT id FROM bureau WHERE election_id = $1)"),
        ("envelope", "DELETE FROM envelope WHERE election_id = $1"),
        ("in_person", "DELETE FROM in_person WHERE election_id = $1"),
        ("registration_entry", "DELETE FROM registration_entry WHERE bureau_id IN (SELECT id FROM bureau WHERE election_id = $1)"),
        ("registered_ballot", "DELETE FROM registered_ballot WHERE election_id = $1"),
        ("staff_assignment", "DELETE FROM staff_assignment WHERE election_id = $1"),
        ("bureau_credential", "DELETE FROM bureau_credential WHERE bureau_id IN (SELECT id FROM bureau WHERE election_id = $1)"),
        ("ballot_pdf", "DELETE FROM ballot_pdf WHERE election_id = $1"),
        ("district_contest", "DELETE FROM district_contest WHERE election_id = $1"),
        // A voter goes with the last election that needed them: no contest left in their district, no envelope.
        ("voter", """
            DELETE FROM voter v WHERE NOT EXISTS (SELECT 1 FROM district_contest dc WHERE dc.district_id = v.district)
              AND NOT EXISTS (SELECT 1 FROM envelope e WHERE e.voter_key = v.voter_key)
            """),
        ("district", """
            DELETE FROM district d WHERE NOT EXISTS (SELECT 1 FROM district_contest dc WHERE dc.district_id = d.id)
              AND NOT EXISTS (SELECT 1 FROM voter v WHERE v.district = d.id)
            """),
    ];

    /// <summary>The tables the purge empties of an election's rows, in the order it does.</summary>
    public static IReadOnlyList<string> Tables => [.. Steps.Select(s => s.Table)];

    /// <summary>Purges one election.</summary>
    public async Task<PurgeOutcome> PurgeAsync(string electionId, string actor, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        DateTimeOffset validatedAt;
        await using (var cmd = Sql.Command(conn, tx, "SELECT validated_at, purged_at FROM election WHERE id = $1 FOR UPDATE", electionId))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            if (!await reader.ReadAsync(ct))
            {
                return new PurgeOutcome.UnknownElection();
            }

            validatedAt = Sql.Offset(reader.GetDateTime(0));
        }

        if (now < validatedAt)
        {
            return new PurgeOutcome.NotValidatedYet(validatedAt);
        }

        // Receipts are append-only for every other statement (migration 008); only this transaction may delete them.
        await using (var allow = Sql.Command(conn, tx, "SET LOCAL hybridvote.retention_purge = 'on'"))
        {
            await allow.ExecuteNonQueryAsync(ct);
        }

        var deleted = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (table, sql) in Steps)
        {
            await using var cmd = sql.Contains("$1", StringComparison.Ordinal) ? Sql.Command(conn, tx, sql, electionId) : Sql.Command(conn, tx, sql);
            deleted[table] = await cmd.ExecuteNonQueryAsync(ct);
        }

        await using (var mark = Sql.Command(conn, tx, "UPDATE election SET purged_at = coalesce(purged_at, $2) WHERE id = $1", electionId, Sql.Utc(now)))
        {
            await mark.ExecuteNonQueryAsync(ct);
        }

        // Counts of rows only: the audit never holds what was deleted.
        await audit.AppendAsync(conn, tx, actor, "purge.election", electionId, JsonSerializer.Serialize(deleted), ct);
        await tx.CommitAsync(ct);

        long sessions = await ForgetExpiredSessionsAsync(ct);
        long keys = await ForgetCachesAsync();
        return new PurgeOutcome.Purged(deleted, sessions, keys);
    }

    /// <summary>Purges every election that is due now, one transaction each: what the scheduled job runs (the CronJob's <c>hv purge --due</c>, the isolated worker's timer).</summary>
    public async Task<IReadOnlyList<(string ElectionId, PurgeOutcome Outcome)>> PurgeDueAsync(string actor, CancellationToken ct = default)
    {
        var purged = new List<(string, PurgeOutcome)>();
        foreach (var id in await DueAsync(ct))
        {
            purged.Add((id, await PurgeAsync(id, actor, ct)));
        }

        return purged;
    }

    /// <summary>The elections validated and not yet purged, at this moment.</summary>
    public async Task<IReadOnlyList<string>> DueAsync(CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = Sql.Command(conn, null, "SELECT id FROM election WHERE validated_at <= $1 AND purged_at IS NULL ORDER BY id", Sql.Utc(clock.GetUtcNow()));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var due = new List<string>();
        while (await reader.ReadAsync(ct))
        {
            due.Add(reader.GetString(0));
        }

        return due;
    }

    private async Task<long> ForgetExpiredSessionsAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = Sql.Command(conn, null, "DELETE FROM session_revocation WHERE expires_at < $1", Sql.Utc(clock.GetUtcNow()));
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    // Every key of the deployment's prefix on every primary: status answers and check limits.
    private async Task<long> ForgetCachesAsync()
    {
        long count = 0;
        foreach (var endpoint in redis.GetEndPoints())
        {
            var server = redis.GetServer(endpoint);
            if (server.IsReplica)
            {
                continue;
            }

            var keys = new List<RedisKey>();
            await foreach (var key in server.KeysAsync(pattern: "hv:*", pageSize: 1000))
            {
                keys.Add(key);
            }

            foreach (var chunk in keys.Chunk(1000))
            {
                count += await redis.GetDatabase().KeyDeleteAsync(chunk);
            }
        }

        return count;
    }
}

/// <summary>What a purge did.</summary>
public abstract record PurgeOutcome
{
    private PurgeOutcome()
    {
    }

    /// <summary>The rows deleted per table (zero everywhere on a second run), expired session revocations and cache keys dropped.</summary>
    public sealed record Purged(IReadOnlyDictionary<string, long> Deleted, long Sessions, long CacheKeys) : PurgeOutcome;

    /// <summary>Refused: the election is validated only at <paramref name="ValidatedAt"/>.</summary>
    public sealed record NotValidatedYet(DateTimeOffset ValidatedAt) : PurgeOutcome;

    /// <summary>No such election.</summary>
    public sealed record UnknownElection : PurgeOutcome;
}
