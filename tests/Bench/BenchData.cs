using System.Security.Claims;
using HybridVote.Domain;
using HybridVote.Hosting;
using HybridVote.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace HybridVote.Bench;

/// <summary>
/// Data the load runs need, made with the deployment's own keys (HybridVote__* settings): a valid
/// session cookie for a demo voter, and label tokens assigned to envelopes so that scanned
/// receipts find their voters.
/// </summary>
public static class BenchData
{
    /// <summary>Prints N session cookies (hv_session=…, one per line) of different voters, as LoginCallback would issue them.</summary>
    public static async Task<int> CookieAsync(string[] args)
    {
        await using var db = NpgsqlDataSource.Create(Setting("Database"));
        await using var cmd = db.CreateCommand("SELECT voter_key FROM voter ORDER BY voter_key LIMIT $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1 });
        var voterKeys = new List<byte[]>();
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                voterKeys.Add(reader.GetFieldValue<byte[]>(0));
            }
        }

        var services = new ServiceCollection();
        services.AddDataProtection().SetApplicationName("HybridVote");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new PostgresXmlRepository(db)));
        await using var provider = services.BuildServiceProvider();
        var protector = provider.GetRequiredService<IDataProtectionProvider>()
            .CreateProtector("Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationMiddleware", FunctionHost.SessionScheme, "v2");
        var now = DateTimeOffset.UtcNow;
        var format = new TicketDataFormat(protector);
        foreach (var voterKey in voterKeys)
        {
            var ticket = new AuthenticationTicket(VoterSession.ToPrincipal(voterKey, "Bench", Language.Fr),
                new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now.AddHours(2) }, FunctionHost.SessionScheme);
            Console.WriteLine("hv_session=" + format.Protect(ticket));
        }

        return 0;
    }

    /// <summary>Prints labels for the first N voter participations (an envelope with a known label token, BENCH-…) and writes the tokens to FILE, one per line with the constituency.</summary>
    public static async Task<int> TokensAsync(string[] args)
    {
        int count = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
        var pseudonyms = new Pseudonyms(KeyFiles.Load(Setting("KeysDirectory")));
        await using var db = NpgsqlDataSource.Create(Setting("Database"));
        await using var conn = await db.OpenConnectionAsync();
        await using (var temp = new NpgsqlCommand("CREATE TEMP TABLE bench_token (n int, hash bytea)", conn))
        {
            await temp.ExecuteNonQueryAsync();
        }

        await using (var copy = await conn.BeginBinaryImportAsync("COPY bench_token FROM STDIN (FORMAT BINARY)"))
        {
            for (int i = 0; i < count; i++)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(i, NpgsqlDbType.Integer);
                await copy.WriteAsync(pseudonyms.LabelTokenHash($"BENCH-{i}"), NpgsqlDbType.Bytea);
            }

            await copy.CompleteAsync();
        }

        await using var cmd = new NpgsqlCommand("""
            WITH numbered AS (
                SELECT v.voter_key, dc.election_id, dc.contest_id, row_number() OVER (ORDER BY v.voter_key, dc.election_id) - 1 AS n
                FROM voter v JOIN district_contest dc ON dc.district_id = v.district),
            ins AS (INSERT INTO envelope (voter_key, election_id, contest_id, label_token_hash, print_count, voted_in_person)
                    SELECT x.voter_key, x.election_id, x.contest_id, t.hash, 1,
                           EXISTS (SELECT 1 FROM in_person i WHERE i.election_id = x.election_id AND i.voter_key = x.voter_key)
                    FROM numbered x JOIN bench_token t ON t.n = x.n
                    ON CONFLICT (voter_key, election_id) DO UPDATE SET label_token_hash = excluded.label_token_hash
                    RETURNING election_id, contest_id, label_token_hash)
            SELECT t.n, ins.contest_id FROM ins JOIN bench_token t ON t.hash = ins.label_token_hash ORDER BY t.n
            """, conn) { CommandTimeout = 0 };
        await using var reader = await cmd.ExecuteReaderAsync();
        await using var file = new StreamWriter(args[2]);
        while (await reader.ReadAsync())
        {
            await file.WriteLineAsync($"BENCH-{reader.GetInt32(0)} {reader.GetString(1)}");
        }

        return 0;
    }

    /// <summary>Writes N fresh K-codes of one election and constituency to FILE, one per line (counted ballots for scripts/bench counting).</summary>
    public static int KCodes(string[] args)
    {
        int count = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
        var keys = KeyFiles.Load(Setting("KeysDirectory"));
        var scope = new KCodeScope(args[2], args[3]);
        using var file = new StreamWriter(args[4]);
        for (int i = 0; i < count; i++)
        {
            file.WriteLine(KCode.Issue(scope, keys.KCodeMac));
        }

        return 0;
    }

    internal static string Setting(string name) =>
        Environment.GetEnvironmentVariable("HybridVote__" + name) ?? throw new InvalidOperationException($"HybridVote__{name} is not set");
}
