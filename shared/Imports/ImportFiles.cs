using System.Text.Json;
using HybridVote.Storage;
using Npgsql;

namespace HybridVote.Imports;

/// <summary>Records imported files inside the load's transaction (NFR010: same hash twice is a no-op; TR008: audited).</summary>
internal static class ImportFiles
{
    public static async Task RecordAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IReadOnlyList<ImportSource> files, string actor, long rows, CancellationToken ct)
    {
        foreach (var file in files)
        {
            await using var cmd = Sql.Command(conn, tx, "INSERT INTO import_file (sha256, kind, file_name, signer, rows, loaded_by) VALUES ($1, $2, $3, $4, $5, $6)",
                file.Sha256, file.Kind, file.FileName, file.Signer, rows, actor);
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>The audit details of a load: its counts (a JSON object) and each file with hash and signer.</summary>
    public static string Details(string counts, IReadOnlyList<ImportSource> files) => JsonSerializer.Serialize(new
    {
        counts = JsonDocument.Parse(counts).RootElement,
        files = files.Select(f => new { file = f.FileName, sha256 = f.Sha256, signer = f.Signer }),
    });
}
