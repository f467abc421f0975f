using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace HybridVote.Storage;

/// <summary>
/// Redis cache-aside for status answers (ARCHITECTURE §4). Redis holds nothing that cannot be
/// rebuilt: when it is unreachable, every call degrades to a miss and the caller reads PostgreSQL.
/// </summary>
public sealed partial class StatusCache(IConnectionMultiplexer redis, ILogger<StatusCache> log)
{
    /// <summary>Backstop lifetime of a cached answer; invalidation after each commit is the rule.</summary>
    public static readonly TimeSpan Ttl = TimeSpan.FromMinutes(5);

    /// <summary>Raised (once per failure) when Redis cannot be reached, for the alert metric.</summary>
    public event Action? Unavailable;

    /// <summary>Cache key of a voter's envelope statuses (by voter key, never by national number).</summary>
    public static string EnvelopeKey(byte[] voterKey) => "hv:env2:" + Convert.ToHexString(voterKey);

    /// <summary>Cache key of a ballot status (by keyed hash, never by K-code).</summary>
    public static string BallotKey(byte[] kcodeHash) => "hv:bal2:" + Convert.ToHexString(kcodeHash);

    /// <summary>The cached value, or null on a miss or when Redis is down.</summary>
    public async Task<string?> GetAsync(string key)
    {
        try
        {
            var value = await redis.GetDatabase().StringGetAsync(key);
            return value.IsNull ? null : value.ToString();
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            Fail(e);
            return null;
        }
    }

    /// <summary>Stores a value with the TTL backstop; failures are logged and ignored.</summary>
    public async Task SetAsync(string key, string value)
    {
        try
        {
            await redis.GetDatabase().StringSetAsync(key, value, Ttl);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            Fail(e);
        }
    }

    /// <summary>Drops cached answers after a committed change.</summary>
    public async Task InvalidateAsync(IEnumerable<string> keys)
    {
        var redisKeys = keys.Select(k => (RedisKey)k).ToArray();
        if (redisKeys.Length == 0)
        {
            return;
        }

        try
        {
            await redis.GetDatabase().KeyDeleteAsync(redisKeys);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            Fail(e);
        }
    }

    private void Fail(Exception e)
    {
        LogUnavailable(log, e.GetType().Name);
        Unavailable?.Invoke();
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Redis unavailable ({Error}); answering from PostgreSQL")]
    private static partial void LogUnavailable(ILogger logger, string error);
}
