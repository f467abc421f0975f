using HybridVote.Domain;
using HybridVote.Storage;
using Npgsql;
using NpgsqlTypes;

namespace HybridVote.Imports;

/// <summary>One voter of a voter file, with the file and the line it is on.</summary>
public readonly record struct VoterLine(ListedVoter Voter, int Line, string File);

/// <summary>One entry of an in-person list: national number, the election the file names, and where it is.</summary>
public readonly record struct InPersonLine(string NationalNumber, string ElectionId, int Line, string File);

/// <summary>A voter ready to be written: pseudonym and sealed label identity computed (on any thread, see <see cref="VoterListImporter.Prepare(VoterLine)"/>).</summary>
public readonly record struct PreparedVoter(VoterLine Entry, byte[] Key, byte[] Sealed);

/// <summary>An in-person entry with the voter's pseudonym.</summary>
public readonly record struct PreparedInPerson(InPersonLine Entry, byte[] Key);

/// <summary>What a voter load did: voters written, how many earlier entries of the same sources it replaced, and how.</summary>
public sealed record VoterLoadResult(long Voters, long Replaced, bool Rebuilt, IReadOnlyList<string> Sources);

/// <summary>
/// Loads voter lists and in-person lists at national size (FR001, NFR006, NFR010). A load is one
/// transaction: nothing is visible until it commits, and a crash or kill leaves the previous lists
/// as they were. A file lists voters of one or more sources (commune or consular post); loading it
/// replaces every earlier voter of those sources (docs/operations.md). Large loads write a fresh
/// table and build its index once (an index built after the rows is ~5x faster than one maintained
/// row by row), then swap it in; small loads (a commune's correction) merge into the live table.
/// </summary>
public sealed class VoterListImporter(NpgsqlDataSource db, AuditLog audit, Pseudonyms pseudonyms, Sealer sealer)
{
    private const long LoadLock = 7_246_010;

    /// <summary>Progress is reported every this many rows.</summary>
    public const int ProgressEvery = 100_000;

    /// <summary>
    /// Loads <paramref name="voters"/> (from one or more files, <paramref name="files"/> describes
    /// them for the audit trail). <paramref name="expectedVoters"/> (e.g. from file sizes) chooses
    /// between rebuilding the table and merging into it; both give the same result.
    /// </summary>
    /// <summary>
    /// Checks one entry (E109 national number, E106 missing source or election) and computes its
    /// pseudonym and sealed label identity. Thread-safe: file readers call it in parallel.
    /// </summary>
    public PreparedVoter Prepare(VoterLine entry)
    {
        var (v, line, file) = entry;
        // FR001: every entry is checked before it is written; the message names file and line, never the person.
        if (!NationalNumber.TryNormalize(v.NationalNumber, out var nrn))
        {
            throw new ImportRefused("E109", line, "the national number is not valid (11 digits with a mod-97 check)", file);
        }

        if (v.Source.Length == 0 || v.Contests.Count == 0)
        {
            throw new ImportRefused("E106", line, "a voter needs a be:Residence source and at least one election with its constituency", file);
        }

        byte[] key = pseudonyms.VoterKey(nrn);
        return new PreparedVoter(entry, key, sealer.Seal(v.LabelIdentity, VoterStore.NameContext(key)));
    }

    /// <summary>Checks one in-person entry (E109) and computes the voter's pseudonym. Thread-safe.</summary>
    public PreparedInPerson Prepare(InPersonLine entry) => NationalNumber.TryNormalize(entry.NationalNumber, out var nrn)
        ? new PreparedInPerson(entry, pseudonyms.VoterKey(nrn))
        : throw new ImportRefused("E109", entry.Line, "the national number is not valid (11 digits with a mod-97 check)", entry.File);

    public async Task<VoterLoadResult> ImportAsync(IEnumerable<PreparedVoter> voters, string actor, IReadOnlyList<ImportSource> files, long expectedVoters,
        IProgress<long>? progress = null, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await BulkAsync(conn, tx, $"SELECT pg_advisory_xact_lock({LoadLock})", ct);
        var districts = await DistrictMap.LoadAsync(conn, tx, ct);
        long existing = await EstimateRowsAsync(conn, tx, "voter", ct);
        bool rebuild = expectedVoters * 4 >= existing;
        string target = rebuild ? "voter_next" : "voter_in";
        await BulkAsync(conn, tx, rebuild
            ? "CREATE TABLE voter_next (LIKE voter INCLUDING DEFAULTS)"
            : "CREATE TEMP TABLE voter_in (LIKE voter INCLUDING DEFAULTS) ON COMMIT DROP", ct);

        var sources = new SortedSet<string>(StringComparer.Ordinal);
        var fileOfSource = new Dictionary<string, string>(StringComparer.Ordinal);
        long count = 0;
        await using (var copy = await conn.BeginBinaryImportAsync($"COPY {target} (voter_key, language, name_sealed, district, source, line) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var ((v, line, file), key, sealedIdentity) in voters)
            {
                int district = districts.Resolve(v.Contests, line, file);
                if (sources.Add(v.Source))
                {
                    fileOfSource[v.Source] = file;
                }

                // Synchronous writes: the row goes to Npgsql's buffer; only a full buffer waits on the socket.
                copy.StartRow();
                copy.Write(key, NpgsqlDbType.Bytea);
                copy.Write(v.Language.Code(), NpgsqlDbType.Text);
                copy.Write(sealedIdentity, NpgsqlDbType.Bytea);
                copy.Write(district, NpgsqlDbType.Integer);
                copy.Write(v.Source, NpgsqlDbType.Text);
                copy.Write(line, NpgsqlDbType.Integer);
                if (++count % ProgressEvery == 0)
                {
                    progress?.Report(count);
                }
            }

            await copy.CompleteAsync(ct);
        }

        progress?.Report(count);
        await districts.SaveNewAsync(conn, tx, ct);
        string[] sourceList = [.. sources];
        long replaced = rebuild
            ? await RebuildAsync(conn, tx, sourceList, fileOfSource, ct)
            : await MergeAsync(conn, tx, sourceList, fileOfSource, ct);
        string details = System.Text.Json.JsonSerializer.Serialize(new { voters = count, replaced, sources = sourceList.Length, rebuilt = rebuild });
        await ImportFiles.RecordAsync(conn, tx, files, actor, count, ct);
        await audit.AppendAsync(conn, tx, actor, "import.voters", $"{sourceList.Length} source(s)", ImportFiles.Details(details, files), ct);
        await tx.CommitAsync(ct);
        return new VoterLoadResult(count, replaced, rebuild, sourceList);
    }

    /// <summary>Loads a list held in memory (demo, tests): line numbers are positions in the list.</summary>
    public Task<VoterLoadResult> ImportAsync(IReadOnlyCollection<ListedVoter> voters, string actor, CancellationToken ct = default) =>
        ImportAsync(voters.Select((v, i) => Prepare(new VoterLine(v, i + 1, string.Empty))), actor, [], voters.Count, null, ct);

    /// <summary>Applies an in-person list held in memory (demo, tests); <paramref name="applyInPersonVote"/> is the Domain rule.</summary>
    public Task<IReadOnlyList<byte[]>> ImportInPersonAsync(string electionId, Func<EnvelopeState, EnvelopeState> applyInPersonVote, IReadOnlyCollection<string> nationalNumbers, string actor, CancellationToken ct = default) =>
        ImportInPersonAsync(electionId, applyInPersonVote, nationalNumbers.Select((n, i) => Prepare(new InPersonLine(n, electionId, i + 1, string.Empty))), actor, [], nationalNumbers.Count, null, ct);

    // Large load: the kept voters of other sources join the new rows in voter_next, the primary key
    // is built once (a duplicate voter fails it: E102), and voter_next becomes voter.
    private static async Task<long> RebuildAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string[] sources, Dictionary<string, string> fileOfSource, CancellationToken ct)
    {
        long replaced;
        await using (var cmd = Bulk(conn, tx, "SELECT count(*) FROM voter WHERE source = ANY($1)", (object)sources))
        {
            replaced = (long)(await cmd.ExecuteScalarAsync(ct))!;
        }

        await using (var keep = Bulk(conn, tx, "INSERT INTO voter_next SELECT * FROM voter WHERE source <> ALL($1)", (object)sources))
        {
            await keep.ExecuteNonQueryAsync(ct);
        }

        await BulkAsync(conn, tx, "SAVEPOINT index_build", ct);
        try
        {
            await BulkAsync(conn, tx, "CREATE UNIQUE INDEX voter_next_pkey ON voter_next (voter_key)", ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // Only on this error path: find one duplicated voter to name both lines.
            await BulkAsync(conn, tx, "ROLLBACK TO SAVEPOINT index_build", ct);
            await using var find = Bulk(conn, tx, "SELECT voter_key FROM voter_next GROUP BY voter_key HAVING count(*) > 1 LIMIT 1");
            await ThrowDuplicateAsync(conn, tx, "voter_next", await find.ExecuteScalarAsync(ct) as byte[], sources, fileOfSource, ct);
        }

        await BulkAsync(conn, tx, """
            ALTER TABLE voter_next ADD CONSTRAINT voter_next_pkey PRIMARY KEY USING INDEX voter_next_pkey;
            DROP TABLE voter;
            ALTER TABLE voter_next RENAME TO voter;
            ALTER TABLE voter RENAME CONSTRAINT voter_next_pkey TO voter_pkey;
            ANALYZE voter;
            """, ct);
        return replaced;
    }

    // Small load: checked in staging, then the sources' earlier voters are replaced in place.
    private static async Task<long> MergeAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string[] sources, Dictionary<string, string> fileOfSource, CancellationToken ct)
    {
        await using (var dup = Bulk(conn, tx, """
            SELECT i.voter_key FROM voter_in i GROUP BY i.voter_key HAVING count(*) > 1
            UNION ALL
            SELECT i.voter_key FROM voter_in i JOIN voter v ON v.voter_key = i.voter_key WHERE v.source <> ALL($1)
            LIMIT 1
            """, (object)sources))
        {
            if (await dup.ExecuteScalarAsync(ct) is byte[] key)
            {
                await ThrowDuplicateAsync(conn, tx, "(SELECT * FROM voter_in UNION ALL SELECT * FROM voter WHERE source <> ALL($2)) AS v", key, sources, fileOfSource, ct);
            }
        }

        await using var cmd = Bulk(conn, tx, """
            WITH gone AS (DELETE FROM voter WHERE source = ANY($1) RETURNING 1)
            SELECT count(*) FROM gone
            """, (object)sources);
        long replaced = (long)(await cmd.ExecuteScalarAsync(ct))!;
        await BulkAsync(conn, tx, "INSERT INTO voter SELECT * FROM voter_in", ct);
        return replaced;
    }

    private static async Task ThrowDuplicateAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string from, byte[]? key, string[] sources, Dictionary<string, string> fileOfSource, CancellationToken ct)
    {
        var places = new List<(string Source, int Line)>();
        if (key is not null)
        {
            await using var cmd = Bulk(conn, tx, $"SELECT source, line FROM {from} WHERE voter_key = $1 ORDER BY source = ANY($2) DESC, line DESC", key, sources);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                places.Add((reader.GetString(0), reader.GetInt32(1)));
            }
        }

        string Where((string Source, int Line) p) => fileOfSource.TryGetValue(p.Source, out var f) ? $"line {p.Line} of {f} (source {p.Source})" : $"line {p.Line} of the list of source {p.Source}, loaded earlier";
        if (places.Count < 2)
        {
            throw new ImportRefused("E102", 0, "the same voter is listed twice");
        }

        var (here, other) = (places[0], places[^1]);
        throw new ImportRefused("E102", here.Line, $"the same voter is listed twice: also at {Where(other)}", fileOfSource.GetValueOrDefault(here.Source));
    }

    /// <summary>
    /// Adds the voters of an in-person list (HYP04) for <paramref name="electionId"/> and cancels the
    /// hybrid envelopes they cover with <paramref name="applyInPersonVote"/> (the Domain rule, FR008:
    /// the in-person precedence of Domain); returns the voter keys whose envelope changed. Millions of
    /// rows load like the voter list: into a fresh table whose index is built once.
    /// </summary>
    public async Task<IReadOnlyList<byte[]>> ImportInPersonAsync(string electionId, Func<EnvelopeState, EnvelopeState> applyInPersonVote, IEnumerable<PreparedInPerson> entries, string actor, IReadOnlyList<ImportSource> files, long expectedEntries,
        IProgress<long>? progress = null, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await BulkAsync(conn, tx, $"SELECT pg_advisory_xact_lock({LoadLock})", ct);
        await using (var known = Bulk(conn, tx, "SELECT 1 FROM election WHERE id = $1", electionId))
        {
            if (await known.ExecuteScalarAsync(ct) is null)
            {
                throw new ImportRefused("E107", 0, $"election {electionId} is not defined by the election event", files.FirstOrDefault()?.FileName);
            }
        }

        bool rebuild = expectedEntries * 4 >= await EstimateRowsAsync(conn, tx, "in_person", ct);
        string target = rebuild ? "in_person_next" : "in_person_in";
        await BulkAsync(conn, tx, rebuild
            ? "CREATE TABLE in_person_next (LIKE in_person INCLUDING DEFAULTS)"
            : "CREATE TEMP TABLE in_person_in (LIKE in_person INCLUDING DEFAULTS) ON COMMIT DROP", ct);
        long count = 0;
        await using (var copy = await conn.BeginBinaryImportAsync($"COPY {target} (election_id, voter_key) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var ((_, election, line, file), key) in entries)
            {
                if (election.Length > 0 && election != electionId)
                {
                    throw new ImportRefused("E108", line, $"the entry is for election {election}, the load for election {electionId}", file);
                }

                copy.StartRow();
                copy.Write(electionId, NpgsqlDbType.Text);
                copy.Write(key, NpgsqlDbType.Bytea);
                if (++count % ProgressEvery == 0)
                {
                    progress?.Report(count);
                }
            }

            await copy.CompleteAsync(ct);
        }

        progress?.Report(count);
        if (rebuild)
        {
            // The list is a set read with EXISTS: a voter named by two files may appear twice.
            await BulkAsync(conn, tx, """
                INSERT INTO in_person_next SELECT * FROM in_person;
                CREATE INDEX in_person_next_voter ON in_person_next (election_id, voter_key);
                DROP TABLE in_person;
                ALTER TABLE in_person_next RENAME TO in_person;
                ALTER INDEX in_person_next_voter RENAME TO in_person_voter;
                ANALYZE in_person;
                """, ct);
        }
        else
        {
            await BulkAsync(conn, tx, """
                INSERT INTO in_person SELECT DISTINCT * FROM in_person_in i
                WHERE NOT EXISTS (SELECT 1 FROM in_person p WHERE p.election_id = i.election_id AND p.voter_key = i.voter_key)
                """, ct);
        }

        // FR008: whatever the order of arrival, an in-person vote cancels the hybrid envelope (the rule is the caller's).
        var rows = await EnvelopeStore.LockAsync(conn, tx,
            "election_id = $1 AND NOT voted_in_person AND voter_key IN (SELECT voter_key FROM in_person WHERE election_id = $1)", [electionId], ct);
        var changed = rows.Select(r => r with { State = applyInPersonVote(r.State) }).ToList();
        if (changed.Count > 0)
        {
            await Sql.ExecBatchAsync(conn, tx, ct, EnvelopeStore.Write(changed));
        }

        string details = System.Text.Json.JsonSerializer.Serialize(new { entries = count, envelopes = changed.Count });
        await ImportFiles.RecordAsync(conn, tx, files, actor, count, ct);
        await audit.AppendAsync(conn, tx, actor, "import.in-person", electionId, ImportFiles.Details(details, files), ct);
        await tx.CommitAsync(ct);
        return changed.Select(c => c.VoterKey).ToList();
    }

    private static async Task BulkAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, CancellationToken ct)
    {
        await using var cmd = Bulk(conn, tx, sql);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static NpgsqlCommand Bulk(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, params object?[] args) => Sql.Command(conn, tx, sql, args).Unbounded();

    // The planner's row estimate (exact enough to choose a load strategy; no full count of 8 million rows).
    private static async Task<long> EstimateRowsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string table, CancellationToken ct)
    {
        await using var cmd = Bulk(conn, tx, $"""
            SELECT CASE WHEN c.reltuples >= 0 THEN c.reltuples::bigint ELSE (SELECT count(*) FROM {table}) END FROM pg_class c WHERE c.oid = '{table}'::regclass
            """);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }
}
