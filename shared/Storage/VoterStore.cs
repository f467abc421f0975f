using HybridVote.Domain;
using Npgsql;

namespace HybridVote.Storage;

/// <summary>Finds hybrid voters and their elections; records prints (SEC002).</summary>
public sealed class VoterStore(NpgsqlDataSource db, AuditLog audit)
{
    /// <summary>The voter and every election they take part in, or null when not on the hybrid list.</summary>
    public async Task<VoterRecord?> FindAsync(byte[] voterKey, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = Sql.Command(conn, null, """
            SELECT v.language, v.name_sealed, dc.election_id, dc.contest_id, coalesce(e.print_count, 0), e.last_printed_at
            FROM voter v JOIN district_contest dc ON dc.district_id = v.district
            LEFT JOIN envelope e ON e.voter_key = v.voter_key AND e.election_id = dc.election_id
            WHERE v.voter_key = $1 ORDER BY dc.election_id
            """, voterKey);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        VoterRecord? voter = null;
        var elections = new List<Participation>();
        while (await reader.ReadAsync(ct))
        {
            voter ??= new VoterRecord(voterKey, Languages.Parse(reader.GetString(0)), reader.GetFieldValue<byte[]>(1), elections);
            elections.Add(new Participation(reader.GetString(2), reader.GetString(3), reader.GetInt32(4), reader.IsDBNull(5) ? null : Sql.Offset(reader.GetDateTime(5))));
        }

        return voter;
    }

    /// <summary>
    /// The "print my ballot" step for the elections in <paramref name="openElections"/> (the ones whose
    /// issue window the calendar says is open, FR006): assures a label token,
    /// counts the print and writes the audit event, all in one transaction (SEC002). Returns whether
    /// the voter is on the hybrid list and the elections printed (id and name).
    /// <paramref name="newToken"/> makes tokens, <paramref name="seal"/> seals them. Five round trips
    /// (NFR002): statements that do not depend on one another's answers travel in one batch.
    /// </summary>
    public async Task<PrintRecord> RecordPrintAsync(byte[] voterKey, IReadOnlyCollection<string> openElections, Func<string> newToken, Func<string, string, byte[]> seal, Func<string, byte[]> hashToken, CancellationToken ct = default)
    {
        string[] open = [.. openElections];
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        bool eligible = false;
        var printed = new List<(string ElectionId, string Name, bool HasToken, string ContestId)>();
        await using (var first = new NpgsqlBatch(conn, tx))
        {
            first.BatchCommands.Add(Sql.BatchCommand("SELECT EXISTS (SELECT 1 FROM voter WHERE voter_key = $1)", voterKey));
            // The envelope row of an election starts with the first print (voter lists stay narrow at national size).
            first.BatchCommands.Add(Sql.BatchCommand("""
                INSERT INTO envelope (voter_key, election_id, contest_id, voted_in_person)
                SELECT v.voter_key, dc.election_id, dc.contest_id,
                       EXISTS (SELECT 1 FROM in_person i WHERE i.election_id = dc.election_id AND i.voter_key = v.voter_key)
                FROM voter v JOIN district_contest dc ON dc.district_id = v.district
                WHERE v.voter_key = $1 AND dc.election_id = ANY($2)
                ON CONFLICT (voter_key, election_id) DO NOTHING
                """, voterKey, open));
            first.BatchCommands.Add(Sql.BatchCommand("""
                SELECT e.election_id, el.name, e.label_token_hash IS NOT NULL, e.contest_id
                FROM envelope e JOIN election el ON el.id = e.election_id
                WHERE e.voter_key = $1 AND e.election_id = ANY($2)
                ORDER BY e.election_id FOR UPDATE OF e
                """, voterKey, open));
            await using var reader = await first.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            eligible = reader.GetBoolean(0);
            await reader.NextResultAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                printed.Add((reader.GetString(0), reader.GetString(1), reader.GetBoolean(2), reader.GetString(3)));
            }
        }

        if (printed.Count > 0)
        {
            var tokens = printed.Select(o => o.HasToken ? null : newToken()).ToList();
            string actor = Actor(voterKey);
            // TR008: who printed what and when; never the K-code. The chain lock travels with the update.
            await Sql.ExecBatchAsync(conn, tx, ct,
                Sql.BatchCommand("""
                    UPDATE envelope e SET print_count = e.print_count + 1, last_printed_at = now(),
                           label_token_hash = coalesce(e.label_token_hash, u.h),
                           label_token_sealed = coalesce(e.label_token_sealed, u.s)
                    FROM unnest($2::text[], $3::bytea[], $4::bytea[]) AS u(el, h, s)
                    WHERE e.voter_key = $1 AND e.election_id = u.el
                    """,
                    voterKey,
                    printed.Select(o => o.ElectionId).ToArray(),
                    tokens.Select(t => t is null ? null : hashToken(t)).ToArray(),
                    printed.Select((o, i) => tokens[i] is { } t ? seal(t, LabelContext(o.ElectionId)) : null).ToArray()),
                AuditLog.LockChain(actor));
            await audit.AppendLockedAsync(conn, tx, actor, "ballot.printed", string.Join(',', printed.Select(o => o.ElectionId)), "{}", ct);
        }

        await tx.CommitAsync(ct);
        return new PrintRecord(eligible, printed.Select(o => new PrintedElection(o.ElectionId, o.Name, o.ContestId)).ToList());
    }

    /// <summary>The sealed label token of a voter for an election, or null before the first print.</summary>
    public async Task<byte[]?> SealedLabelTokenAsync(byte[] voterKey, string electionId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = Sql.Command(conn, null, "SELECT label_token_sealed FROM envelope WHERE voter_key = $1 AND election_id = $2", voterKey, electionId);
        return await cmd.ExecuteScalarAsync(ct) as byte[];
    }

    /// <summary>The associated-data context a label token is sealed with.</summary>
    public static string LabelContext(string electionId) => "label:" + electionId;

    /// <summary>The associated-data context a voter's name is sealed with.</summary>
    public static string NameContext(byte[] voterKey) => "name:" + Convert.ToHexString(voterKey);

    /// <summary>The pseudonymous actor name of a voter in the audit trail.</summary>
    public static string Actor(byte[] voterKey) => "voter:" + Convert.ToHexString(voterKey, 0, 8).ToLowerInvariant();
}
