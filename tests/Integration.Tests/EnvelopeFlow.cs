using System.Net.Http.Json;
using HybridVote.Domain;
using HybridVote.EnvelopeIngest;
using HybridVote.EnvelopeIntake;
using HybridVote.KCodeIssue;
using HybridVote.Storage;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HybridVote.Integration.Tests;

/// <summary>Builders shared by the intake, ingest and status tests: a printed voter and their label token.</summary>
internal static class EnvelopeFlow
{
    /// <summary>A voter who printed; returns the voter key, the clear label token (read back from the sealed copy) and the national number.</summary>
    public static async Task<(byte[] VoterKey, string Token, string Nrn)> PrintedVoterAsync(TestInfrastructure infra, string contest = "BW")
    {
        var issue = infra.Function<KCodeService>();
        var (nrn, voterKey) = await infra.NewVoterAsync(contest);
        using var client = TestInfrastructure.Client(issue);
        await KCodeIssueTests.Send(client, "/print/api", TestInfrastructure.SessionCookie(issue, voterKey));
        byte[] sealedToken = await infra.ScalarAsync<byte[]>("SELECT label_token_sealed FROM envelope WHERE voter_key = $1 AND election_id = 'T1'", voterKey);
        return (voterKey, new Sealer(infra.Keys).Open(sealedToken, VoterStore.LabelContext("T1")), nrn);
    }

    /// <summary>Posts receipts to the intake function.</summary>
    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string? bureauKey, string path, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (bureauKey is not null)
        {
            request.Headers.Add("X-Bureau-Key", bureauKey);
        }

        return client.SendAsync(request);
    }

    /// <summary>The ingest function without its background pump, so a test decides when batches run.</summary>
    public static WebApplicationFactory<IngestProcessor> IngestWithoutWorker(TestInfrastructure infra) =>
        infra.Function<IngestProcessor>(services: s => s.RemoveAll<IHostedService>());

    public static object Receipt(string token, string key) => new { labelToken = token, scannedAt = DateTimeOffset.UtcNow, idempotencyKey = key };

    public static async Task<EnvelopeState> StateAsync(TestInfrastructure infra, byte[] voterKey) =>
        (await new StatusStore(infra.Db).EnvelopesAsync(voterKey)).Single(e => e.ElectionId == "T1").State;

    /// <summary>Enqueues receipts through the intake function.</summary>
    public static async Task EnqueueAsync(TestInfrastructure infra, string bureauKey, params object[] receipts)
    {
        using var client = TestInfrastructure.Client(infra.Function<IntakeLimitOptions>());
        var response = await PostAsync(client, bureauKey, "/intake/receipts", new { receipts });
        response.EnsureSuccessStatusCode();
    }
}

internal static class ServiceCollectionTestExtensions
{
    public static void RemoveAll<T>(this IServiceCollection services)
    {
        foreach (var descriptor in services.Where(d => d.ServiceType == typeof(T)).ToList())
        {
            services.Remove(descriptor);
        }
    }
}
