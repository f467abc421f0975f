using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace HybridVote.Integration.Tests;

/// <summary>
/// The chart's Redis configuration (Valkey with Sentinel): the functions are given the Sentinels and
/// the primary's service name, never the primary itself. A real Sentinel (redis-server --sentinel)
/// watching the test Redis answers; the functions' client, built as every function builds it, finds
/// the primary through it and its writes land there.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class SentinelTests(TestInfrastructure infra) : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("hv-sentinel-").FullName;
    private Process? sentinel;

    public void Dispose()
    {
        if (sentinel is { HasExited: false })
        {
            sentinel.Kill();
            sentinel.WaitForExit();
        }

        sentinel?.Dispose();
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public async Task Functions_ReachThePrimary_ThroughTheSentinels()
    {
        int primaryPort = int.Parse(infra.Redis.Split(':')[^1], System.Globalization.CultureInfo.InvariantCulture);
        int port = LocalPorts.Free();
        string config = Path.Combine(dir, "sentinel.conf");
        await File.WriteAllTextAsync(config, $"""
            port {port}
            bind 127.0.0.1
            dir {dir}
            sentinel monitor hvtest 127.0.0.1 {primaryPort} 1
            sentinel down-after-milliseconds hvtest 5000
            """);
        sentinel = Process.Start(new ProcessStartInfo("redis-server", [config, "--sentinel"]) { RedirectStandardOutput = true, UseShellExecute = false })!;
        await LocalPorts.WaitAsync(port, sentinel, () => string.Empty);

        var settings = infra.Settings($"127.0.0.1:{port},serviceName=hvtest,abortConnect=false");
        await using var provider = TestInfrastructure.CoreServices(settings);
        var redis = provider.GetRequiredService<IConnectionMultiplexer>();
        string key = "hv:sentinel-test:" + Guid.NewGuid().ToString("N");

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!redis.IsConnected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.True(await redis.GetDatabase().StringSetAsync(key, "through the sentinel", TimeSpan.FromMinutes(1)));
        using var direct = await ConnectionMultiplexer.ConnectAsync(infra.Redis);
        Assert.Equal("through the sentinel", (string?)await direct.GetDatabase().StringGetAsync(key));
        Assert.Contains(redis.GetEndPoints(), e => e is IPEndPoint { Port: var p } && p == primaryPort);
    }
}
