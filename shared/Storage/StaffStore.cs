using HybridVote.Domain;
using Npgsql;

namespace HybridVote.Storage;

/// <summary>A role given to a person, as listed for an organiser: the person's pseudonym prefix, never the number.</summary>
public sealed record StaffLine(string Person, StaffAssignment Assignment, DateTimeOffset AssignedAt);

/// <summary>
/// The staff roles (FR011, SEC014): read per request by the staff pages (a role removed takes
/// effect at the next request), given and removed by organisers (`hv staff`, signed import), audited.
/// </summary>
public sealed class StaffStore(NpgsqlDataSource db, AuditLog audit)
{
    /// <summary>The roles of a person (by staff key); empty when none.</summary>
    public async Task<IReadOnlyList<StaffAssignment>> RolesAsync(byte[] person, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await RolesAsync(conn, null, person, ct);
    }

    /// <summary>
    /// Gives a person a role; returns null when done (or already held), otherwise why it is
    /// refused (<see cref="StaffRules.Refusal"/>, or an unknown election or bureau). Audited (TR008).
    /// </summary>
    public async Task<string?> AssignAsync(byte[] person, StaffAssignment wanted, string actor, CancellationToken ct = default) =>
        (await AssignAllAsync([(person, wanted)], actor, null, ct))?.Reason;

    /// <summary>
    /// Gives every role in order, in one transaction: all of them, or — at the first refusal —
    /// none, and the index and reason of the refused one. <paramref name="alsoInTransaction"/> runs
    /// in the same transaction before it commits (an import records its file there). Audited per role.
    /// </summary>
    public async Task<(int Index, string Reason)?> AssignAllAsync(IReadOnlyList<(byte[] Person, StaffAssignment Role)> assignments, string actor,
        Func<NpgsqlConnection, NpgsqlTransaction, Task>? alsoInTransaction = null, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // One person's roles change one transaction at a time (locks taken in one order): two
        // assignments that are each allowed alone cannot together break the segregation of duties.
        var people = assignments.Select(a => a.Person).Distinct(ByteArrayComparer.Instance).Select(p => Convert.ToHexString(p)).Order(StringComparer.Ordinal).ToArray();
        await using (var lockPeople = Sql.Command(conn, tx, "SELECT pg_advisory_xact_lock(hashtextextended(p, 14)) FROM unnest($1::text[]) AS p ORDER BY p", (object)people))
        {
            await lockPeople.ExecuteNonQueryAsync(ct);
        }

        var held = new Dictionary<byte[], List<StaffAssignment>>(ByteArrayComparer.Instance);
        for (int i = 0; i < assignments.Count; i++)
        {
            var (person, wanted) = assignments[i];
            if (await ExistsAsync(conn, tx, wanted, ct) is { } missing)
            {
                return (i, missing);
            }

            if (!held.TryGetValue(person, out var roles))
            {
                held[person] = roles = [.. await RolesAsync(conn, tx, person, ct)];
            }

            if (StaffRules.Refusal(roles, wanted) is { } refusal)
            {
                return (i, refusal);
            }

            if (!roles.Contains(wanted))
            {
                await using (var insert = Sql.Command(conn, tx, "INSERT INTO staff_assignment (person, role, election_id, bureau_id) VALUES ($1, $2, $3, $4)",
                    person, wanted.Role.Code(), wanted.ElectionId, wanted.BureauId))
                {
                    await insert.ExecuteNonQueryAsync(ct);
                }

                await audit.AppendAsync(conn, tx, actor, "staff.assign", Subject(person), Details(wanted), ct);
                roles.Add(wanted);
            }
        }

        if (alsoInTransaction is not null)
        {
            await alsoInTransaction(conn, tx);
        }

        await tx.CommitAsync(ct);
        return null;
    }

    /// <summary>Removes a role; returns whether the person held it. Audited.</summary>
    public async Task<bool> RemoveAsync(byte[] person, StaffAssignment role, string actor, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        int removed;
        await using (var delete = Sql.Command(conn, tx, """
            DELETE FROM staff_assignment WHERE person = $1 AND role = $2 AND election_id = $3 AND coalesce(bureau_id, '') = coalesce($4, '')
            """, person, role.Role.Code(), role.ElectionId, role.BureauId))
        {
            removed = await delete.ExecuteNonQueryAsync(ct);
        }

        if (removed > 0)
        {
            await audit.AppendAsync(conn, tx, actor, "staff.remove", Subject(person), Details(role), ct);
        }

        await tx.CommitAsync(ct);
        return removed > 0;
    }

    /// <summary>Every role of an election (or of all), for the organiser.</summary>
    public async Task<IReadOnlyList<StaffLine>> ListAsync(string? electionId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = Sql.Command(conn, null, """
            SELECT person, role, election_id, bureau_id, assigned_at FROM staff_assignment
            WHERE $1::text IS NULL OR election_id = $1 ORDER BY election_id, bureau_id NULLS FIRST, role, person
            """, electionId);
        var lines = new List<StaffLine>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            lines.Add(new StaffLine(Subject(reader.GetFieldValue<byte[]>(0)), Read(reader), Sql.Offset(reader.GetDateTime(4))));
        }

        return lines;
    }

    /// <summary>How a person appears in the audit trail and in lists: a prefix of the pseudonym.</summary>
    public static string Subject(byte[] person) => "staff:" + Convert.ToHexString(person, 0, 8).ToLowerInvariant();

    private static async Task<IReadOnlyList<StaffAssignment>> RolesAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, byte[] person, CancellationToken ct)
    {
        await using var cmd = Sql.Command(conn, tx, "SELECT person, role, election_id, bureau_id FROM staff_assignment WHERE person = $1", person);
        var roles = new List<StaffAssignment>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            roles.Add(Read(reader));
        }

        return roles;
    }

    private static StaffAssignment Read(NpgsqlDataReader reader) =>
        new(StaffRules.FromCode(reader.GetString(1)) ?? throw new InvalidDataException($"unknown staff role {reader.GetString(1)}"), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3));

    private static async Task<string?> ExistsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, StaffAssignment wanted, CancellationToken ct)
    {
        await using var cmd = Sql.Command(conn, tx, """
            SELECT (SELECT count(*) FROM election WHERE id = $1), (SELECT count(*) FROM bureau WHERE id = $2 AND election_id = $1)
            """, wanted.ElectionId, wanted.BureauId);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        if (reader.GetInt64(0) == 0)
        {
            return $"election {wanted.ElectionId} does not exist";
        }

        return wanted.BureauId is not null && reader.GetInt64(1) == 0 ? $"bureau {wanted.BureauId} is not a bureau of election {wanted.ElectionId}" : null;
    }

    private static string Details(StaffAssignment a) =>
        System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string?> { ["role"] = a.Role.Code(), ["election"] = a.ElectionId, ["bureau"] = a.BureauId });
}
