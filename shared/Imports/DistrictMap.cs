using HybridVote.Domain;
using HybridVote.Storage;
using Npgsql;

namespace HybridVote.Imports;

/// <summary>
/// The districts of a voter load: a district is the set of constituencies a voter votes in, one
/// per election (every voter of a commune shares one). Resolved in memory while rows stream into
/// COPY; new districts are written after the COPY, in the same transaction.
/// </summary>
internal sealed class DistrictMap
{
    private readonly Dictionary<string, int> byKey;
    private readonly HashSet<VoterContest> contests;
    private readonly List<(int Id, string Key, IReadOnlyList<VoterContest> Contests)> added = [];
    private int next;
    private IReadOnlyList<VoterContest>? last;
    private int lastId;

    private DistrictMap(Dictionary<string, int> byKey, HashSet<VoterContest> contests)
    {
        this.byKey = byKey;
        this.contests = contests;
        next = byKey.Count == 0 ? 1 : byKey.Values.Max() + 1;
    }

    public static async Task<DistrictMap> LoadAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
        await using (var cmd = Sql.Command(conn, tx, "SELECT key, id FROM district"))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                byKey[reader.GetString(0)] = reader.GetInt32(1);
            }
        }

        var contests = new HashSet<VoterContest>();
        await using (var cmd = Sql.Command(conn, tx, "SELECT election_id, id FROM contest"))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                contests.Add(new VoterContest(reader.GetString(0), reader.GetString(1)));
            }
        }

        return new DistrictMap(byKey, contests);
    }

    /// <summary>The district id of a voter's constituencies; E107 for one the election event does not define.</summary>
    public int Resolve(IReadOnlyList<VoterContest> voterContests, int line, string file)
    {
        // Consecutive voters of a commune share their constituencies: no key is built for them.
        if (last is not null && last.SequenceEqual(voterContests))
        {
            return lastId;
        }

        var sorted = voterContests.OrderBy(c => c.ElectionId, StringComparer.Ordinal).ToList();
        string key = string.Join(',', sorted.Select(c => c.ElectionId + ":" + c.ContestId));
        if (!byKey.TryGetValue(key, out int id))
        {
            foreach (var contest in sorted)
            {
                if (!contests.Contains(contest))
                {
                    throw new ImportRefused("E107", line, $"constituency {contest.ContestId} of election {contest.ElectionId} is not defined by the election event", file);
                }
            }

            if (sorted.Select(c => c.ElectionId).Distinct().Count() != sorted.Count)
            {
                throw new ImportRefused("E102", line, "the voter is listed twice for the same election", file);
            }

            id = next++;
            byKey[key] = id;
            added.Add((id, key, sorted));
        }

        last = voterContests;
        lastId = id;
        return id;
    }

    public async Task SaveNewAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        foreach (var (id, key, list) in added)
        {
            await Sql.ExecBatchAsync(conn, tx, ct,
                Sql.BatchCommand("INSERT INTO district (id, key) VALUES ($1, $2)", id, key),
                Sql.BatchCommand("INSERT INTO district_contest (district_id, election_id, contest_id) SELECT $1, e, c FROM unnest($2::text[], $3::text[]) AS t(e, c)",
                    id, list.Select(c => c.ElectionId).ToArray(), list.Select(c => c.ContestId).ToArray()));
        }
    }
}
