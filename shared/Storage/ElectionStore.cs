using HybridVote.Domain;
using Npgsql;

namespace HybridVote.Storage;

/// <summary>Reads elections, constituencies, lists and bureaus; sets the calendar.</summary>
public sealed class ElectionStore(NpgsqlDataSource db, AuditLog audit)
{
    // The last posting day defaults to three days before the in-person close (Brussels time).
    private const string ElectionColumns = "id, name, issue_from, issue_until, in_person_close, validated_at, results_from, names::text, "
        + "coalesce(post_by, (in_person_close AT TIME ZONE 'Europe/Brussels')::date - 3), postage = 'prepaid', help_contact";

    /// <summary>All elections.</summary>
    public async Task<IReadOnlyList<ElectionInfo>> ElectionsAsync(CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = Sql.Command(conn, null, $"SELECT {ElectionColumns} FROM election ORDER BY id");
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var result = new List<ElectionInfo>();
        while (await reader.ReadAsync(ct))
        {
            result.Add(ReadElection(reader));
        }

        return result;
    }

    /// <summary>The elections' names in <paramref name="language"/> by election id (the id itself for an unknown election).</summary>
    public async Task<Func<string, string>> NamesInAsync(Language language, CancellationToken ct = default)
    {
        var all = (await ElectionsAsync(ct)).ToDictionary(e => e.Id);
        return id => all.TryGetValue(id, out var e) ? e.NameIn(language) : id;
    }

    /// <summary>One election, or null.</summary>
    public async Task<ElectionInfo?> ElectionAsync(string id, CancellationToken ct = default) =>
        (await ElectionsAsync(ct)).FirstOrDefault(e => e.Id == id);

    /// <summary>One constituency, or null.</summary>
    public async Task<ContestInfo?> ContestAsync(string electionId, string contestId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = Sql.Command(conn, null,
            "SELECT name, languages, seats, main_bureau_id, names::text FROM contest WHERE election_id = $1 AND id = $2", electionId, contestId);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        return new ContestInfo(electionId, contestId, reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetString(3),
            LocalNames.FromJson(reader.GetString(4)));
    }

    /// <summary>The lists of a constituency in list-number order, candidates in order.</summary>
    public async Task<IReadOnlyList<CandidateListDefinition>> ListsAsync(string electionId, string contestId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = Sql.Command(conn, null, """
            SELECT l.number, l.name,
                   coalesce(array_agg(c.name ORDER BY c.position) FILTER (WHERE NOT c.substitute), '{}'),
                   coalesce(array_agg(c.name ORDER BY c.position) FILTER (WHERE c.substitute), '{}')
            FROM candidate_list l
            LEFT JOIN candidate c ON c.election_id = l.election_id AND c.contest_id = l.contest_id AND c.list_number = l.number
            WHERE l.election_id = $1 AND l.contest_id = $2
            GROUP BY l.number, l.name
            ORDER BY l.number
            """, electionId, contestId);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var lists = new List<CandidateListDefinition>();
        while (await reader.ReadAsync(ct))
        {
            lists.Add(new CandidateListDefinition(electionId, contestId, reader.GetInt32(0), reader.GetString(1),
                reader.GetFieldValue<string[]>(2), reader.GetFieldValue<string[]>(3)));
        }

        return lists;
    }

    /// <summary>Every (election, constituency) a K-code may belong to; of one election, or of all.</summary>
    public async Task<IReadOnlyList<KCodeScope>> KCodeScopesAsync(string? electionId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = Sql.Command(conn, null, "SELECT election_id, id FROM contest WHERE $1::text IS NULL OR election_id = $1 ORDER BY election_id, id", electionId);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var scopes = new List<KCodeScope>();
        while (await reader.ReadAsync(ct))
        {
            scopes.Add(new KCodeScope(reader.GetString(0), reader.GetString(1)));
        }

        return scopes;
    }

    /// <summary>One bureau, or null.</summary>
    public async Task<BureauInfo?> BureauAsync(string id, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = Sql.Command(conn, null, "SELECT id, name, address, election_id, contest_id FROM bureau WHERE id = $1", id);
        return await BureauStore.ReadOneAsync(cmd, ct);
    }

    /// <summary>Sets an election's calendar (organiser operation, audited).</summary>
    public async Task SetCalendarAsync(string electionId, ElectionCalendar calendar, string actor, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using var cmd = Sql.Command(conn, tx,
            "UPDATE election SET issue_from = $2, issue_until = $3, in_person_close = $4, validated_at = $5, results_from = $6 WHERE id = $1",
            electionId, Sql.Utc(calendar.IssueFrom), Sql.Utc(calendar.IssueUntil), Sql.Utc(calendar.InPersonClose), Sql.Utc(calendar.ValidatedAt),
            calendar.ResultsFrom is { } embargo ? Sql.Utc(embargo) : DBNull.Value);
        if (await cmd.ExecuteNonQueryAsync(ct) != 1)
        {
            throw new KeyNotFoundException($"election {electionId} does not exist");
        }

        string details = System.Text.Json.JsonSerializer.Serialize(new
        {
            issueFrom = calendar.IssueFrom, issueUntil = calendar.IssueUntil, inPersonClose = calendar.InPersonClose, validatedAt = calendar.ValidatedAt, resultsFrom = calendar.ResultsFrom,
        });
        await audit.AppendAsync(conn, tx, actor, "calendar.set", electionId, details, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Sets what voters are told about posting (organiser operation, audited); a null leaves that part as it is.</summary>
    public async Task SetNoticeAsync(string electionId, DateOnly? postBy, bool? prepaid, string? helpContact, string actor, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using var cmd = Sql.Command(conn, tx, """
            UPDATE election SET post_by = coalesce($2::date, post_by), postage = coalesce($3::text, postage), help_contact = coalesce($4::text, help_contact) WHERE id = $1
            """, electionId, postBy is { } day ? day : DBNull.Value, prepaid is { } p ? (p ? "prepaid" : "stamp") : DBNull.Value, (object?)helpContact ?? DBNull.Value);
        if (await cmd.ExecuteNonQueryAsync(ct) != 1)
        {
            throw new KeyNotFoundException($"election {electionId} does not exist");
        }

        await audit.AppendAsync(conn, tx, actor, "notice.set", electionId, System.Text.Json.JsonSerializer.Serialize(new { postBy, prepaid, helpContact }), ct);
        await tx.CommitAsync(ct);
    }

    private static ElectionInfo ReadElection(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        new ElectionCalendar(Sql.Offset(reader.GetDateTime(2)), Sql.Offset(reader.GetDateTime(3)), Sql.Offset(reader.GetDateTime(4)), Sql.Offset(reader.GetDateTime(5)),
        reader.IsDBNull(6) ? null : Sql.Offset(reader.GetDateTime(6))),
        LocalNames.FromJson(reader.GetString(7)),
        new ElectionNotice(reader.GetFieldValue<DateOnly>(8), reader.GetBoolean(9), reader.IsDBNull(10) ? null : reader.GetString(10)));
}
