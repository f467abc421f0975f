using HybridVote.Domain;
using Npgsql;
using NpgsqlTypes;

namespace HybridVote.Storage;

/// <summary>Where imported data came from: the file, its SHA-256 and the key that signed it.</summary>
public sealed record ImportSource(string Kind, string FileName, string Sha256, string Signer);

/// <summary>Writes imported election data (FR001, TR002) in single transactions, with an audit event per load (TR008).</summary>
public sealed class ElectionImporter(NpgsqlDataSource db, AuditLog audit, Pseudonyms pseudonyms, Sealer sealer)
{
    /// <summary>True when a file with this SHA-256 was loaded before (the load is then a no-op).</summary>
    public async Task<bool> AlreadyLoadedAsync(string sha256, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = Sql.Command(conn, null, "SELECT 1 FROM import_file WHERE sha256 = $1", sha256);
        return await cmd.ExecuteScalarAsync(ct) is not null;
    }

    // Records the file inside the load's transaction and returns the audit details.
    private static async Task<string> RecordSourceAsync(NpgsqlConnection conn, NpgsqlTransaction tx, ImportSource? source, string actor, long rows, CancellationToken ct)
    {
        if (source is null)
        {
            return System.Text.Json.JsonSerializer.Serialize(new { rows });
        }

        await using var cmd = Sql.Command(conn, tx, "INSERT INTO import_file (sha256, kind, file_name, signer, rows, loaded_by) VALUES ($1, $2, $3, $4, $5, $6)",
            source.Sha256, source.Kind, source.FileName, source.Signer, rows, actor);
        await cmd.ExecuteNonQueryAsync(ct);
        return System.Text.Json.JsonSerializer.Serialize(new { rows, file = source.FileName, sha256 = source.Sha256, signer = source.Signer });
    }

    /// <summary>Creates or replaces an election definition with its constituencies and main bureaus.</summary>
    public async Task ImportElectionAsync(ElectionDefinition election, string actor, ImportSource? source = null, CancellationToken ct = default)
    {
        if (!election.Calendar.IsInOrder)
        {
            throw new ImportRefused("E105", 0, $"the calendar of election {election.Id} is out of order: issue-from < issue-until <= in-person close < validation is required");
        }
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var c = election.Calendar;
        await using (var cmd = Sql.Command(conn, tx, """
            INSERT INTO election (id, event_id, name, issue_from, issue_until, in_person_close, validated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (id) DO UPDATE SET event_id = $2, name = $3, issue_from = $4, issue_until = $5, in_person_close = $6, validated_at = $7
            """, election.Id, election.EventId, election.Name, Sql.Utc(c.IssueFrom), Sql.Utc(c.IssueUntil), Sql.Utc(c.InPersonClose), Sql.Utc(c.ValidatedAt)))
        {
            await cmd.ExecuteNonQueryAsync(ct);
        }

        foreach (var contest in election.Contests)
        {
            var b = contest.MainBureau;
            await Sql.ExecBatchAsync(conn, tx, ct,
                Sql.BatchCommand("""
                    INSERT INTO contest (election_id, id, name, languages, seats, main_bureau_id) VALUES ($1, $2, $3, $4, $5, $6)
                    ON CONFLICT (election_id, id) DO UPDATE SET name = $3, languages = $4, seats = $5, main_bureau_id = $6
                    """, election.Id, contest.Id, contest.Name, contest.Languages, contest.Seats, b.Id),
                Sql.BatchCommand("""
                    INSERT INTO bureau (id, name, address, election_id, contest_id) VALUES ($1, $2, $3, $4, $5)
                    ON CONFLICT (id) DO UPDATE SET name = $2, address = $3, election_id = $4, contest_id = $5
                    """, b.Id, b.Name, b.Address, election.Id, contest.Id));
        }

        await audit.AppendAsync(conn, tx, actor, "import.election", election.Id, await RecordSourceAsync(conn, tx, source, actor, election.Contests.Count, ct), ct);
        await tx.CommitAsync(ct);
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

        await audit.AppendAsync(conn, tx, actor, "import.lists", string.Join(',', lists.Select(l => l.ContestId).Distinct()), await RecordSourceAsync(conn, tx, source, actor, lists.Count, ct), ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// Loads hybrid voters with binary COPY into staging, checks them (E109 national number, E102
    /// duplicate voter, E107 unknown constituency — by line), then writes voter rows (sealed names)
    /// and one envelope row per election, all in one transaction.
    /// </summary>
    public async Task<int> ImportVotersAsync(IEnumerable<(VoterEntry Voter, int Line)> voters, string actor, ImportSource? source = null, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await Sql.ExecAsync(conn, tx, "CREATE TEMP TABLE voter_in (voter_key bytea, language text, name_sealed bytea, election_id text, contest_id text, line int) ON COMMIT DROP", ct);
        int count = 0;
        await using (var copy = await conn.BeginBinaryImportAsync("COPY voter_in FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var (v, line) in voters)
            {
                if (!NationalNumber.TryNormalize(v.NationalNumber, out var nrn))
                {
                    throw new ImportRefused("E109", line, "the national number is not valid (11 digits with a mod-97 check)");
                }

                byte[] key = pseudonyms.VoterKey(nrn);
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(key, NpgsqlDbType.Bytea, ct);
                await copy.WriteAsync(v.Language.Code(), NpgsqlDbType.Text, ct);
                await copy.WriteAsync(sealer.Seal(v.FullName, VoterStore.NameContext(key)), NpgsqlDbType.Bytea, ct);
                await copy.WriteAsync(v.ElectionId, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(v.ContestId, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(line, NpgsqlDbType.Integer, ct);
                count++;
            }

            await copy.CompleteAsync(ct);
        }

        await CheckStagedVotersAsync(conn, tx, ct);
        await Sql.ExecAsync(conn, tx, """
            INSERT INTO voter (voter_key, language, name_sealed)
            SELECT DISTINCT ON (voter_key) voter_key, language, name_sealed FROM voter_in ORDER BY voter_key
            ON CONFLICT (voter_key) DO UPDATE SET language = excluded.language, name_sealed = excluded.name_sealed;
            INSERT INTO envelope (voter_key, election_id, contest_id)
            SELECT voter_key, election_id, contest_id FROM voter_in
            ON CONFLICT (voter_key, election_id) DO UPDATE SET contest_id = excluded.contest_id;
            """, ct);
        await audit.AppendAsync(conn, tx, actor, "import.voters", "voters", await RecordSourceAsync(conn, tx, source, actor, count, ct), ct);
        await tx.CommitAsync(ct);
        return count;
    }

    private static async Task CheckStagedVotersAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        await using (var duplicate = Sql.Command(conn, tx, """
            SELECT min(line), max(line), election_id FROM voter_in GROUP BY voter_key, election_id HAVING count(*) > 1 ORDER BY 1 LIMIT 1
            """))
        await using (var reader = await duplicate.ExecuteReaderAsync(ct))
        {
            if (await reader.ReadAsync(ct))
            {
                throw new ImportRefused("E102", reader.GetInt32(1), $"the same voter appears again for election {reader.GetString(2)} (first at line {reader.GetInt32(0)})");
            }
        }

        await using var unknown = Sql.Command(conn, tx, """
            SELECT v.line, v.election_id, v.contest_id FROM voter_in v
            WHERE NOT EXISTS (SELECT 1 FROM contest c WHERE c.election_id = v.election_id AND c.id = v.contest_id) ORDER BY v.line LIMIT 1
            """);
        await using var found = await unknown.ExecuteReaderAsync(ct);
        if (await found.ReadAsync(ct))
        {
            throw new ImportRefused("E107", found.GetInt32(0), $"constituency {found.GetString(2)} of election {found.GetString(1)} is not defined by the election event");
        }
    }

    /// <summary>Applies the list of voters who voted in person (HYP04): their envelopes are cancelled.</summary>
    public async Task<IReadOnlyList<byte[]>> ImportInPersonAsync(string electionId, IEnumerable<string> nationalNumbers, string actor, ImportSource? source = null, CancellationToken ct = default)
    {
        byte[][] keys = nationalNumbers.Select(pseudonyms.VoterKey).ToArray();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var rows = await EnvelopeStore.LockAsync(conn, tx, "election_id = $1 AND voter_key = ANY($2)", [electionId, keys], ct);
        var changed = rows.Select(r => r with { State = EnvelopeRules.ApplyInPersonVote(r.State) }).ToList();
        if (changed.Count > 0)
        {
            await Sql.ExecBatchAsync(conn, tx, ct, EnvelopeStore.Write(changed));
        }

        await audit.AppendAsync(conn, tx, actor, "import.in-person", electionId, await RecordSourceAsync(conn, tx, source, actor, keys.Length, ct), ct);
        await tx.CommitAsync(ct);
        return changed.Select(c => c.VoterKey).ToList();
    }
}
