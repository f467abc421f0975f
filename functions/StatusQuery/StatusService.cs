using System.Text.Json;
using System.Text.Json.Serialization;
using HybridVote.Domain;
using HybridVote.Hosting;
using HybridVote.Storage;
using Microsoft.Extensions.Options;

namespace HybridVote.StatusQuery;

/// <summary>
/// Answers status questions (FR008, FR009): envelopes by the voter's identity, ballots by K-code.
/// Redis first (cache-aside), PostgreSQL on a miss or when Redis is down.
/// </summary>
public sealed class StatusService(StatusStore store, StatusCache cache, ElectionStore elections, CheckRateLimiter limiter, IOptions<CheckLimitOptions> limits, SecretKeys keys, Pseudonyms pseudonyms)
{
    private readonly SingleFlight<string> reads = new();

    // Cached answers are stored in the API's own JSON shape, so a cache hit is written out as is.
    // Statuses are words ("not-received", "accepted", "cancelled"), like the ballot answers.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false) },
    };

    /// <summary>The voter's envelope records.</summary>
    public async Task<IReadOnlyList<EnvelopeView>> EnvelopesAsync(byte[] voterKey, CancellationToken ct) =>
        JsonSerializer.Deserialize<List<EnvelopeView>>(await EnvelopesJsonAsync(voterKey, ct), Json)!;

    /// <summary>The elections' names in the page's language.</summary>
    public Task<Func<string, string>> ElectionNamesAsync(Language language, CancellationToken ct) => elections.NamesInAsync(language, ct);

    /// <summary>The voter's envelope records as the JSON the API answers with (FR008).</summary>
    public Task<string> EnvelopesJsonAsync(byte[] voterKey, CancellationToken ct) =>
        AnswerAsync(StatusCache.EnvelopeKey(voterKey), async () =>
            JsonSerializer.Serialize(await store.EnvelopesAsync(voterKey, CancellationToken.None), Json), ct);

    /// <summary>
    /// The status of the ballot carrying a typed K-code, within the per-session and per-client
    /// limits; the code is checked (check symbol, MAC) before any lookup.
    /// </summary>
    public async Task<BallotAnswer> CheckAsync(string? typed, byte[] sessionVoterKey, string clientAddress, CancellationToken ct)
    {
        var l = limits.Value;
        var decision = await limiter.TryAcquireAsync(Convert.ToHexString(sessionVoterKey, 0, 16), pseudonyms.ClientKey(clientAddress), l.PerSession, l.PerClient, TimeSpan.FromMinutes(l.WindowMinutes));
        return decision.Allowed ? new BallotAnswer.Answered(await BallotAsync(typed, ct)) : new BallotAnswer.TooManyChecks(decision.RetryAfter);
    }

    private async Task<BallotStatus> BallotAsync(string? typed, CancellationToken ct)
    {
        var check = KCode.Check(typed, await elections.KCodeScopesAsync(null, ct), keys.KCodeMac);
        if (check is not KCodeCheck.Valid valid)
        {
            return new BallotStatus.Invalid(check);
        }

        byte[] hash = pseudonyms.KCodeHash(valid.ElectionId, valid.Canonical);
        // An empty string caches "no registration yet".
        string json = await AnswerAsync(StatusCache.BallotKey(hash), async () =>
            await store.BallotAsync(hash, CancellationToken.None) is { } found ? JsonSerializer.Serialize(found, Json) : string.Empty, ct);
        var registered = json.Length == 0 ? null : JsonSerializer.Deserialize<RegisteredBallot>(json, Json);
        return registered is null
            ? new BallotStatus.NotCountedYet(valid.ElectionId)
            : new BallotStatus.Counted(registered.ElectionId, registered.RegisteredOn, registered.Copies);
    }

    // The cached answer; on a miss, one load per key at a time (single-flight), cached unless
    // invalidated meanwhile.
    private async Task<string> AnswerAsync(string key, Func<Task<string>> load, CancellationToken ct)
    {
        if (await cache.GetAsync(key) is { } cached)
        {
            HvMetrics.StatusAnswers.WithLabels("cache").Inc();
            return cached;
        }

        string json = await reads.RunAsync(key, () => cache.LoadAsync(key, load), ct);
        HvMetrics.StatusAnswers.WithLabels("database").Inc();
        return json;
    }
}
