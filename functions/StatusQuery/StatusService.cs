using System.Text.Json;
using HybridVote.Domain;
using HybridVote.Hosting;
using HybridVote.Storage;

namespace HybridVote.StatusQuery;

/// <summary>
/// Answers status questions (FR008, FR009): envelopes by the voter's identity, ballots by K-code.
/// Redis first (cache-aside), PostgreSQL on a miss or when Redis is down.
/// </summary>
public sealed class StatusService(StatusStore store, StatusCache cache, ElectionStore elections, SecretKeys keys, Pseudonyms pseudonyms)
{
    /// <summary>The voter's envelope records.</summary>
    public async Task<IReadOnlyList<EnvelopeView>> EnvelopesAsync(byte[] voterKey, CancellationToken ct)
    {
        string key = StatusCache.EnvelopeKey(voterKey);
        if (await cache.GetAsync(key) is { } cached)
        {
            HvMetrics.StatusAnswers.WithLabels("cache").Inc();
            return JsonSerializer.Deserialize<List<EnvelopeView>>(cached)!;
        }

        var envelopes = await store.EnvelopesAsync(voterKey, ct);
        await cache.SetAsync(key, JsonSerializer.Serialize(envelopes));
        HvMetrics.StatusAnswers.WithLabels("database").Inc();
        return envelopes;
    }

    /// <summary>The status of the ballot carrying a typed K-code; the code is checked before any lookup.</summary>
    public async Task<BallotStatus> BallotAsync(string? typed, CancellationToken ct)
    {
        var electionIds = (await elections.ElectionsAsync(ct)).Select(e => e.Id);
        var check = KCode.Check(typed, electionIds, keys.KCodeMac);
        if (check is not KCodeCheck.Valid valid)
        {
            return new BallotStatus.Invalid(check);
        }

        byte[] hash = pseudonyms.KCodeHash(valid.ElectionId, valid.Canonical);
        string key = StatusCache.BallotKey(hash);
        RegisteredBallot? registered;
        if (await cache.GetAsync(key) is { } cached)
        {
            HvMetrics.StatusAnswers.WithLabels("cache").Inc();
            registered = cached.Length == 0 ? null : JsonSerializer.Deserialize<RegisteredBallot>(cached);
        }
        else
        {
            registered = await store.BallotAsync(hash, ct);
            await cache.SetAsync(key, registered is null ? string.Empty : JsonSerializer.Serialize(registered));
            HvMetrics.StatusAnswers.WithLabels("database").Inc();
        }

        return registered is null
            ? new BallotStatus.NotCountedYet(valid.ElectionId)
            : new BallotStatus.Counted(registered.ElectionId, registered.RegisteredOn, registered.Copies);
    }
}
