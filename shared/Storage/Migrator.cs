using System.Reflection;
using Npgsql;

namespace HybridVote.Storage;

/// <summary>Applies the numbered SQL migrations embedded in this library, once, under a lock.</summary>
public sealed class Migrator(NpgsqlDataSource db)
{
    private const long LockId = 7_246_001;

    /// <summary>Applies every migration not applied yet; returns the versions applied now.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await Sql.ExecAsync(conn, tx, $"SELECT pg_advisory_xact_lock({LockId})", ct);
        await Sql.ExecAsync(conn, tx, "CREATE TABLE IF NOT EXISTS schema_migration (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())", ct);
        var applied = new HashSet<string>(StringComparer.Ordinal);
        await using (var cmd = new NpgsqlCommand("SELECT name FROM schema_migration", conn, tx))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                applied.Add(reader.GetString(0));
            }
        }

        var done = new List<string>();
        foreach (var (name, sql) in Migrations())
        {
            if (applied.Contains(name))
            {
                continue;
            }

            await Sql.ExecAsync(conn, tx, sql, ct);
            await using var mark = new NpgsqlCommand("INSERT INTO schema_migration (name) VALUES ($1)", conn, tx);
            mark.Parameters.AddWithValue(name);
            await mark.ExecuteNonQueryAsync(ct);
            done.Add(name);
        }

        await tx.CommitAsync(ct);
        return done;
    }

    private static IEnumerable<(string Name, string Sql)> Migrations()
    {
        var assembly = typeof(Migrator).Assembly;
        const string prefix = "HybridVote.Storage.Migrations.";
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(resource) ?? throw new InvalidOperationException(resource);
            using var reader = new StreamReader(stream);
            yield return (resource[prefix.Length..], reader.ReadToEnd());
        }
    }
}
