using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using HybridVote.Hosting;

namespace HybridVote.Integration.Tests;

/// <summary>
/// Every alert expression of the chart's PrometheusRule and every query of the Grafana dashboard
/// names metrics the functions really export: the functions run, answer one request each, and
/// their <c>/metrics</c> are scraped. Metrics of kube-state-metrics (jobs, replicas) are the only
/// ones from elsewhere, and are named as such.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed partial class MonitoringTests(TestInfrastructure infra)
{
    // Exported by kube-state-metrics, not by HybridVote: the Job and Deployment state.
    private static readonly HashSet<string> FromKubeStateMetrics = ["kube_job_status_failed", "kube_deployment_status_replicas_available"];

    [Fact]
    public async Task EveryAlertAndDashboardQuery_NamesAMetricTheFunctionsExport()
    {
        var exported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in FunctionCatalogue.All.Where(f => f.Prefix is not null))
        {
            var function = AccessMatrixTests.Start(infra, entry.Name);
            await function.Client.GetAsync(entry.Prefix);
            using var metrics = await function.Operations!.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
            foreach (Match m in TypeLine().Matches(await metrics.Content.ReadAsStringAsync()))
            {
                string name = m.Groups[1].Value;
                exported.Add(name);
                if (m.Groups[2].Value == "histogram")
                {
                    exported.UnionWith([name + "_bucket", name + "_count", name + "_sum"]);
                }
            }
        }

        string root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../.."));
        var expressions = File.ReadAllLines(Path.Combine(root, "infra/helm/hybridvote/templates/monitoring.yaml"))
            .Where(l => l.TrimStart().StartsWith("expr:", StringComparison.Ordinal)).Select(l => l.Trim()["expr:".Length..]).ToList();
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "infra/grafana/hybridvote-dashboard.json")));
        var queries = dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray()).Select(t => t.GetProperty("expr").GetString()!).ToList();
        Assert.Equal(9, expressions.Count);
        Assert.True(queries.Count >= 8);

        foreach (var query in expressions.Concat(queries))
        {
            var names = MetricName().Matches(query).Select(m => m.Value).ToList();
            Assert.NotEmpty(names);
            foreach (var name in names)
            {
                Assert.True(exported.Contains(name) || FromKubeStateMetrics.Contains(name), $"'{query}' names {name}, which no function exports");
            }
        }
    }

    [GeneratedRegex(@"^# TYPE ([a-z_:][a-z0-9_:]*) (\w+)$", RegexOptions.Multiline)]
    private static partial Regex TypeLine();

    // The metric names of a query: HybridVote's own (hv_), ASP.NET Core's (http_) and kube-state-metrics' (kube_).
    [GeneratedRegex(@"(?<![\w.$-])(hv|http|kube)_[a-z0-9_]+")]
    private static partial Regex MetricName();
}
