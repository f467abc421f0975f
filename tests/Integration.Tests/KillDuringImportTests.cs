using System.Diagnostics;
using HybridVote.Domain;
using HybridVote.Eml;
using HybridVote.Cli;

namespace HybridVote.Integration.Tests;

/// <summary>
/// NFR010: killing the import process part-way (kill -9) leaves the previous state intact, and the
/// next run of the same command loads the file completely.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class KillDuringImportTests(TestInfrastructure infra) : IDisposable
{
    private const int Voters = 60_000;
    private readonly string dir = Directory.CreateTempSubdirectory("hv-kill-").FullName;

    [Fact]
    public async Task Import_KilledMidway_LeavesNothing_TheNextRunLoadsEverything()
    {
        string keys = Path.Combine(dir, "keys"), trust = Path.Combine(dir, "trust"), file = Path.Combine(dir, "voters.eml");
        Assert.Equal(0, await Hv.RunAsync(["keys", "signing", "--dir", keys]));
        Directory.CreateDirectory(trust);
        File.Copy(Path.Combine(keys, "issuer.pub.pem"), Path.Combine(trust, "issuer.pub.pem"));
        var voters = Enumerable.Range(0, Voters).Select(i => TestInfrastructure.Listed(NationalNumber.Compose(300101 + (i / 900), 1 + (i % 900), false), "BW", "Zoë", "Lefèvre", "KILL")).ToList();
        await using (var stream = File.Create(file))
        {
            EmlWriter.WriteVoters(stream, voters);
        }

        Assert.Equal(0, await Hv.RunAsync(["sign", file, "--key", Path.Combine(keys, "issuer.key.pem")]));
        byte[] probe = infra.Pseudonyms.VoterKey(voters[^1].NationalNumber);
        long before = await infra.ScalarAsync<long>("SELECT count(*) FROM voter");

        using (var process = Start(file, trust))
        {
            // Kill as soon as the load is under way (the staging COPY runs for seconds at this size).
            await WaitForAsync(() => infra.ScalarAsync<long>("SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE 'COPY voter%'"), TimeSpan.FromSeconds(60));
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        Assert.Equal(before, await infra.ScalarAsync<long>("SELECT count(*) FROM voter"));
        Assert.Equal(0L, await infra.ScalarAsync<long>("SELECT count(*) FROM voter WHERE voter_key = $1", probe));

        using (var rerun = Start(file, trust))
        {
            await rerun.WaitForExitAsync();
            Assert.Equal(0, rerun.ExitCode);
        }

        Assert.Equal(before + Voters, await infra.ScalarAsync<long>("SELECT count(*) FROM voter"));
        Assert.Equal(1L, await infra.ScalarAsync<long>("SELECT count(*) FROM voter WHERE voter_key = $1", probe));
    }

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private Process Start(string file, string trust)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "hv.dll"), "import", "voters", file, "--signature", file + ".sig", "--trust", trust])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["HybridVote__Database"] = infra.Database;
        start.Environment["HybridVote__Redis"] = infra.Redis;
        start.Environment["HybridVote__KeysDirectory"] = infra.KeysDirectory;
        return Process.Start(start)!;
    }

    private static async Task WaitForAsync(Func<Task<long>> probe, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (await probe() == 0)
        {
            Assert.True(DateTime.UtcNow < until, "the import never started its COPY");
            await Task.Delay(20);
        }
    }
}
