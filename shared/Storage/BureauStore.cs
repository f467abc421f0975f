using HybridVote.Domain;
using Npgsql;

namespace HybridVote.Storage;

/// <summary>Bureau device credentials: keys (stored as a keyed hash) and pinned certificates, each with one duty.</summary>
public sealed class BureauStore(NpgsqlDataSource db, AuditLog audit)
{
    /// <summary>
    /// The bureau that holds this credential (keyed hash of a key, or SHA-256 of a certificate) for
    /// this duty, or null: a credential of the other duty is not one here.
    /// </summary>
    public async Task<BureauInfo?> FindByCredentialAsync(byte[] credential, BureauDuty duty, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = Sql.Command(conn, null, """
            SELECT b.id, b.name, b.address, b.election_id, b.contest_id
            FROM bureau_credential c JOIN bureau b ON b.id = c.bureau_id
            WHERE c.credential = $1 AND c.duty = $2
            """, credential, duty.Code());
        return await ReadOneAsync(cmd, ct);
    }

    /// <summary>Registers the client certificate of a bureau for a duty (replacing the previous one); audited (TR008).</summary>
    public Task SetCertificateAsync(string bureauId, BureauDuty duty, byte[] certificateSha256, DateTimeOffset notAfter, string actor, CancellationToken ct = default) =>
        SetAsync(bureauId, "certificate", duty, certificateSha256, notAfter, actor, ct);

    /// <summary>
    /// The pinned bureau certificates of elections not purged yet, soonest end first (no end date
    /// last: pinned before end dates were kept); with <paramref name="before"/>, only those ending before it.
    /// </summary>
    public async Task<IReadOnlyList<PinnedCertificate>> CertificatesAsync(DateTimeOffset? before, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = Sql.Command(conn, null, """
            SELECT c.bureau_id, c.duty, c.not_after
            FROM bureau_credential c JOIN bureau b ON b.id = c.bureau_id JOIN election e ON e.id = b.election_id
            WHERE c.kind = 'certificate' AND e.purged_at IS NULL AND ($1::timestamptz IS NULL OR c.not_after < $1)
            ORDER BY c.not_after NULLS LAST, c.bureau_id, c.duty
            """, before is { } at ? Sql.Utc(at) : DBNull.Value);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var pinned = new List<PinnedCertificate>();
        while (await reader.ReadAsync(ct))
        {
            pinned.Add(new PinnedCertificate(reader.GetString(0), BureauDuties.FromCode(reader.GetString(1)) ?? throw new InvalidDataException("unknown duty"),
                reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2)));
        }

        return pinned;
    }

    /// <summary>Stores a new key hash of a bureau for a duty (the key itself is shown once and never stored).</summary>
    /// <summary>
    /// Adds a counting or reception bureau to a constituency (beyond its main bureau, which the EML 110
    /// brings), marked when it counts the ballots of voters abroad; audited. False when the
    /// constituency does not exist or the bureau id is taken.
    /// </summary>
    public async Task<bool> AddAsync(BureauDefinition bureau, string electionId, string contestId, bool abroad, string actor, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var insert = Sql.Command(conn, tx, """
            INSERT INTO bureau (id, name, address, election_id, contest_id, abroad)
            SELECT $1, $2, $3, election_id, id, $6 FROM contest WHERE election_id = $4 AND id = $5
            ON CONFLICT (id) DO NOTHING
            """, bureau.Id, bureau.Name, bureau.Address, electionId, contestId, abroad))
        {
            if (await insert.ExecuteNonQueryAsync(ct) == 0)
            {
                await tx.RollbackAsync(ct);
                return false;
            }
        }

        await audit.AppendAsync(conn, tx, actor, "bureau.add", bureau.Id, System.Text.Json.JsonSerializer.Serialize(new { election = electionId, contest = contestId, abroad }), ct);
        await tx.CommitAsync(ct);
        return true;
    }

    public Task SetKeyHashAsync(string bureauId, BureauDuty duty, byte[] keyHash, string actor, CancellationToken ct = default) =>
        SetAsync(bureauId, "key", duty, keyHash, null, actor, ct);

    private async Task SetAsync(string bureauId, string kind, BureauDuty duty, byte[] credential, DateTimeOffset? notAfter, string actor, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var exists = Sql.Command(conn, tx, "SELECT 1 FROM bureau WHERE id = $1 FOR UPDATE", bureauId))
        {
            if (await exists.ExecuteScalarAsync(ct) is null)
            {
                throw new KeyNotFoundException($"bureau {bureauId} does not exist");
            }
        }

        // The new credential replaces the bureau's previous one of that kind and duty.
        await using (var replace = Sql.Command(conn, tx, """
            DELETE FROM bureau_credential WHERE bureau_id = $1 AND kind = $2 AND duty = $3;
            """, bureauId, kind, duty.Code()))
        {
            await replace.ExecuteNonQueryAsync(ct);
        }

        await using (var insert = Sql.Command(conn, tx, "INSERT INTO bureau_credential (credential, bureau_id, kind, duty, not_after) VALUES ($1, $2, $3, $4, $5)",
            credential, bureauId, kind, duty.Code(), notAfter is { } end ? Sql.Utc(end) : DBNull.Value))
        {
            await insert.ExecuteNonQueryAsync(ct);
        }

        // Who gave a bureau a new credential, and for what, never the credential (TR008).
        await audit.AppendAsync(conn, tx, actor, "bureau." + kind, bureauId, $$"""{"duty":"{{duty.Code()}}"}""", ct);
        await tx.CommitAsync(ct);
    }

    internal static async Task<BureauInfo?> ReadOneAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        return new BureauInfo(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4));
    }
}

/// <summary>A bureau's pinned client certificate for one duty and when it stops being valid (null: pinned before end dates were kept).</summary>
public sealed record PinnedCertificate(string BureauId, BureauDuty Duty, DateTimeOffset? NotAfter);
