using HybridVote.Domain;
using Npgsql;

namespace HybridVote.Storage;

/// <summary>Finds hybrid voters and their elections; records prints (SEC002).</summary>
public sealed class VoterStore(NpgsqlDataSource db, AuditLog audit, TimeProvider clock)
{
    /// <summary>The voter and every election they take part in, or null when not on the hybrid list.</summary>
    public async Task<VoterRecord?> FindAsync(byte[] voterKey, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = Sql.Command(conn, null, """
            SELECT v.language, v.name_sealed, dc.election_id, dc.contest_id, coalesce(e.print_count, 0)
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
            elections.Add(new Participation(reader.GetString(2), reader.GetString(3), reader.GetInt32(4)));
        }

        return voter;
    }

    /// <summary>
    /// The "print my ballot" step for the elections whose issue window is open: assures a label token,
    /// counts the print and writes the audit event, all in one transaction (SEC002). Returns the
    /// elections printed. <paramref name="newToken"/> makes tokens, <paramref name="seal"/> seals them.
    /// </summary>
    public async Task<IReadOnlyList<string>> RecordPrintAsync(byte[] voterKey, Func<string> newToken, Func<string, string, byte[]> seal, Func<string, byte[]> hashToken, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // The envelope row of an election starts with the first print (voter lists stay narrow at national size).
        await using (var create = Sql.Command(conn, tx, """
            INSERT INTO envelope (voter_key, election_id, contest_id, voted_in_person)
            SELECT v.voter_key, dc.election_id, dc.contest_id,
                   EXISTS (SELECT 1 FROM in_person i WHERE i.election_id = dc.election_id AND i.voter_key = v.voter_key)
            FROM voter v JOIN district_contest dc ON dc.district_id = v.district JOIN election el ON el.id = dc.election_id
            WHERE v.voter_key = $1 AND el.issue_from <= $2 AND $2 < el.issue_until
            ON CONFLICT (voter_key, election_id) DO NOTHING
            """, voterKey, Sql.Utc(now)))
        {
            await create.ExecuteNonQueryAsync(ct);
        }

        var open = new List<(string ElectionId, bool HasToken)>();
        await using (var cmd = Sql.Command(conn, tx, """
            SELECT e.election_id, e.label_token_hash IS NOT NULL
            FROM envelope e JOIN election el ON el.id = e.election_id
            WHERE e.voter_key = $1 AND el.issue_from <= $2 AND $2 < el.issue_until
            ORDER BY e.election_id FOR UPDATE OF e
            """, voterKey, Sql.Utc(now)))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                open.Add((reader.GetString(0), reader.GetBoolean(1)));
            }
        }

        foreach (var (electionId, hasToken) in open)
        {
            string? token = hasToken ? null : newToken();
            await using var update = Sql.Command(conn, tx, """
                UPDATE envelope SET print_count = print_count + 1,
                       label_token_hash = coalesce(label_token_hash, $3),
                       label_token_sealed = coalesce(label_token_sealed, $4)
                WHERE voter_key = $1 AND election_id = $2
                """, voterKey, electionId, token is null ? null : hashToken(token), token is null ? null : seal(token, LabelContext(electionId)));
            await update.ExecuteNonQueryAsync(ct);
        }

        if (open.Count > 0)
        {
            // TR008: who printed what and when; never the K-code.
            await audit.AppendAsync(conn, tx, Actor(voterKey), "ballot.printed", string.Join(',', open.Select(o => o.ElectionId)), "{}", ct);
        }

        await tx.CommitAsync(ct);
        return open.Select(o => o.ElectionId).ToList();
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
