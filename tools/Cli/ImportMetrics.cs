using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace HybridVote.Cli;

/// <summary>
/// Batch-job metrics of imports in the Prometheus text format, written to
/// <c>HybridVote__ImportMetricsFile</c> for the node exporter's textfile collector: the last success
/// and failure per kind, rows loaded, and refusals by error code. The alert: a refusal counter that
/// rises, or a failure newer than the last success (docs/operations.md).
/// </summary>
public static class ImportMetrics
{
    /// <summary>Records one import outcome; does nothing when no metrics file is configured.</summary>
    public static void Record(IConfiguration configuration, string kind, long rows, string? failureCode)
    {
        string? path = configuration["HybridVote:ImportMetricsFile"];
        if (string.IsNullOrEmpty(path))
        {
            return;
        }

        var samples = new SortedDictionary<string, double>(StringComparer.Ordinal);
        if (File.Exists(path))
        {
            foreach (string line in File.ReadAllLines(path).Where(l => l.Length > 0 && !l.StartsWith('#')))
            {
                int space = line.LastIndexOf(' ');
                samples[line[..space]] = double.Parse(line[(space + 1)..], CultureInfo.InvariantCulture);
            }
        }

        double now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        if (failureCode is null)
        {
            samples[$"hv_import_last_success_timestamp_seconds{{kind=\"{kind}\"}}"] = now;
            samples[$"hv_import_last_rows{{kind=\"{kind}\"}}"] = rows;
        }
        else
        {
            samples[$"hv_import_last_failure_timestamp_seconds{{kind=\"{kind}\"}}"] = now;
            string failures = $"hv_import_failures_total{{kind=\"{kind}\",code=\"{failureCode}\"}}";
            samples[failures] = samples.GetValueOrDefault(failures) + 1;
        }

        string temporary = path + ".tmp";
        File.WriteAllLines(temporary, samples.Select(s => $"{s.Key} {s.Value.ToString(CultureInfo.InvariantCulture)}"));
        File.Move(temporary, path, overwrite: true);
    }
}
