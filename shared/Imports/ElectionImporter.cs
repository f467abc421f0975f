using HybridVote.Domain;
using HybridVote.Storage;
using Npgsql;

namespace HybridVote.Imports;

/// <summary>Where imported data came from: the file, its SHA-256 and the key that signed it.</summary>
public sealed record ImportSource(string Kind, string FileName, string Sha256, string Signer);

/// <summary>Writes election events and candidate lists (FR001, TR002) in single transactions, with an audit event per load (TR008). Voter lists: <see cref="VoterListImporter"/>.</summary>
public sealed class ElectionImporter(NpgsqlDataSource db, AuditLog audit)
{
    /// <summary>True when a file with this SHA-256 was loaded before (the load is then a no-op).</summary>
    public async Task<bool> AlreadyLoadedAsync(string sha256, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = Sql.Command(conn, null, "SELECT 1 FROM import_file WHERE sha256 = $1", sha256);
        return await cmd.ExecuteScalarAsync(ct) is not null;
    }

    /// <summary>Creates or replaces an election definition with its constituencies and main bureaus.</summary>
    public Task ImportElectionAsync(ElectionDefinition election, string actor, ImportSource? source = null, CancellationToken ct = default) =>
        ImportElectionsAsync([election], actor, source, ct);

    /// <summary>Creates or replaces the elections of one election event (110 file), in one transaction.</summary>
    public async Task ImportElectionsAsync(IReadOnlyList<ElectionDefinition> elections, string actor, ImportSource? source = null, CancellationToken ct = default)
    {
        if (elections.FirstOrDefault(e => !e.Calendar.IsInOrder) is { } late)
        {
            throw new ImportRefused("E105", 0, $"the calendar of election {late.Id} is out of order: issue-from < issue-until <= in-person close < validation is required");
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        foreach (var election in elections)
        {
            await WriteElectionAsync(conn, tx, election, ct);
        }

        await audit.AppendAsync(conn, tx, actor, "import.election", string.Join(',', elections.Select(e => e.Id)),
            await RecordAsync(conn, tx, source, actor, "contests", elections.Sum(e => e.Contests.Count), ct), ct);
        await tx.CommitAsync(ct);
    }

    private static async Task WriteElectionAsync(NpgsqlConnection conn, NpgsqlTransaction tx, ElectionDefinition election, CancellationToken ct)
    {
        var c = election.Calendar;
        await using (var cmd = Sql.Command(conn, tx, """
            INSERT INTO election (id, event_id, name, issue_from, issue_until, in_person_close, validated_at, names) VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)
            ON CONFLICT (id) DO UPDATE SET event_id = $2, name = $3, issue_from = $4, issue_until = $5, in_person_close = $6, validated_at = $7, names = $8::jsonb
            """, election.Id, election.EventId, election.Name, Sql.Utc(c.IssueFrom), Sql.Utc(c.IssueUntil), Sql.Utc(c.InPersonClose), Sql.Utc(c.ValidatedAt),
            (election.Names ?? LocalNames.None).ToJson()))
        {
            await cmd.ExecuteNonQueryAsync(ct);
        }

        foreach (var contest in election.Contests)
        {
            var b = contest.MainBureau;
            await Sql.ExecBatchAsync(conn, tx, ct,
                Sql.BatchCommand("""
                    INSERT INTO contest (election_id, id, name, languages, seats, main_bureau_id, names) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)
                    ON CONFLICT (election_id, id) DO UPDATE SET name = $3, languages = $4, seats = $5, main_bureau_id = $6, names = $7::jsonb
                    """, election.Id, contest.Id, contest.Name, contest.Languages, contest.Seats, b.Id, (contest.Names ?? LocalNames.None).ToJson()),
                Sql.BatchCommand("""
                    INSERT INTO bureau (id, name, address, election_id, contest_id) VALUES ($1, $2, $3, $4, $5)
                    ON CONFLICT (id) DO UPDATE SET name = $2, address = $3, election_id = $4, contest_id = $5
                    """, b.Id, b.Name, b.Address, election.Id, contest.Id));
        }
    }

    /// <summary>Replaces the candidate lists of the constituencies present in <paramref name="lists"/>.</summary>
    public async Task ImportListsAsync(IReadOnlyList<CandidateListDefinition> lists, string actor, ImportSource? source = null, CancellationToken ct = default)
    {
        if (lists.GroupBy(l => (l.ElectionId, l.ContestId, l.Number)).FirstOrDefault(g => g.Count() > 1) is { } reused)
        {
            throw new ImportRefused("E103", 0, $"list number {reused.Key.Number} is used twice in constituency {reused.Key.ContestId} of election {reused.Key.ElectionId}");
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        foreach (var contest in lists.Select(l => (l.ElectionId, l.ContestId)).Distinct())
        {
            await using var known = Sql.Command(conn, tx, "SELECT 1 FROM contest WHERE election_id = $1 AND id = $2", contest.ElectionId, contest.ContestId);
            if (await known.ExecuteScalarAsync(ct) is null)
            {
                throw new ImportRefused("E107", 0, $"constituency {contest.ContestId} of election {contest.ElectionId} is not defined by the election event (import the 110 file first)");
            }
        }

        foreach (var contest in lists.Select(l => (l.ElectionId, l.ContestId)).Distinct())
        {
            // A new lists version invalidates every cached and stored blank ballot of the constituency.
            await Sql.ExecBatchAsync(conn, tx, ct,
                Sql.BatchCommand("DELETE FROM candidate WHERE election_id = $1 AND contest_id = $2", contest.ElectionId, contest.ContestId),
                Sql.BatchCommand("DELETE FROM candidate_list WHERE election_id = $1 AND contest_id = $2", contest.ElectionId, contest.ContestId),
                Sql.BatchCommand("DELETE FROM ballot_pdf WHERE election_id = $1 AND contest_id = $2", contest.ElectionId, contest.ContestId),
                Sql.BatchCommand("UPDATE contest SET lists_version = lists_version + 1 WHERE election_id = $1 AND id = $2", contest.ElectionId, contest.ContestId));
        }

        foreach (var list in lists)
        {
            await Sql.ExecBatchAsync(conn, tx, ct,
                Sql.BatchCommand("INSERT INTO candidate_list (election_id, contest_id, number, name) VALUES ($1, $2, $3, $4)",
                    list.ElectionId, list.ContestId, list.Number, list.Name),
                Sql.BatchCommand("""
                    INSERT INTO candidate (election_id, contest_id, list_number, position, substitute, name)
                    SELECT $1, $2, $3, p, s, n FROM unnest($4::int[], $5::boolean[], $6::text[]) AS t(p, s, n)
                    """, list.ElectionId, list.ContestId, list.Number,
                    Enumerable.Range(1, list.Effective.Count).Concat(Enumerable.Range(1, list.Substitutes.Count)).ToArray(),
                    list.Effective.Select(_ => false).Concat(list.Substitutes.Select(_ => true)).ToArray(),
                    list.Effective.Concat(list.Substitutes).ToArray()));
        }

        await audit.AppendAsync(conn, tx, actor, "import.lists", string.Join(',', lists.Select(l => l.ContestId).Distinct()), await RecordAsync(conn, tx, source, actor, "lists", lists.Count, ct), ct);
        await tx.CommitAsync(ct);
    }

    private static async Task<string> RecordAsync(NpgsqlConnection conn, NpgsqlTransaction tx, ImportSource? source, string actor, string what, long rows, CancellationToken ct)
    {
        ImportSource[] files = source is null ? [] : [source];
        await ImportFiles.RecordAsync(conn, tx, files, actor, rows, ct);
        return ImportFiles.Details($"{{\"{what}\":{rows}}}", files);
    }
}
