using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace HybridVote.Storage;

/// <summary>The answer of the rate limiter: allowed, or refused with the time to wait.</summary>
public sealed record RateDecision(bool Allowed, TimeSpan RetryAfter);

/// <summary>
/// Limits K-code checks per session and per client address across every replica (counters in
/// Redis, fixed windows). The limits keep people from probing other voters' codes at scale; the
/// K-code's 80 bits make guessing hopeless anyway. When Redis is down each replica applies the
/// same limits in its own memory and the failure is reported: the limits still hold, at worst
/// multiplied by the number of status replicas for the duration of the outage (a documented
/// decision, docs/threat-model.md: closing the check would deny every voter; opening it would
/// lift the limit an attacker can provoke by loading Redis).
/// </summary>
public sealed partial class CheckRateLimiter(IConnectionMultiplexer redis, ILogger<CheckRateLimiter> log)
{
    // One fixed window per counted key, with the limit and window it is counted under.
    private readonly PartitionedRateLimiter<LocalKey> local = PartitionedRateLimiter.Create<LocalKey, LocalKey>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, k => new FixedWindowRateLimiterOptions
        {
            PermitLimit = k.Limit,
            Window = k.Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    private const string Script = """
        local s = redis.call('INCR', KEYS[1]) if s == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
        local c = redis.call('INCR', KEYS[2]) if c == 1 then redis.call('PEXPIRE', KEYS[2], ARGV[1]) end
        return { s, c, redis.call('PTTL', KEYS[1]), redis.call('PTTL', KEYS[2]) }
        """;

    /// <summary>Raised when Redis cannot be reached (for the alert metric).</summary>
    public event Action? Unavailable;

    /// <summary>Counts one check for the session and the client; refuses beyond the limits.</summary>
    public async Task<RateDecision> TryAcquireAsync(string sessionKey, string clientKey, int perSession, int perClient, TimeSpan window)
    {
        try
        {
            var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(Script,
                [(RedisKey)("hv:rl:s:" + sessionKey), (RedisKey)("hv:rl:c:" + clientKey)], [(long)window.TotalMilliseconds]))!;
            long session = (long)result[0], client = (long)result[1];
            if (session <= perSession && client <= perClient)
            {
                return new RateDecision(true, TimeSpan.Zero);
            }

            long wait = Math.Max(session > perSession ? (long)result[2] : 0, client > perClient ? (long)result[3] : 0);
            return new RateDecision(false, TimeSpan.FromMilliseconds(Math.Max(wait, 1000)));
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogUnavailable(log, e.GetType().Name);
            Unavailable?.Invoke();
            return Local(sessionKey, clientKey, perSession, perClient, window);
        }
    }

    /// <summary>The same limits counted in this replica's memory (while Redis is unreachable).</summary>
    internal RateDecision Local(string sessionKey, string clientKey, int perSession, int perClient, TimeSpan window)
    {
        using var session = local.AttemptAcquire(new LocalKey("s:" + sessionKey, perSession, window));
        using var client = local.AttemptAcquire(new LocalKey("c:" + clientKey, perClient, window));
        if (session.IsAcquired && client.IsAcquired)
        {
            return new RateDecision(true, TimeSpan.Zero);
        }

        var wait = (session.IsAcquired ? null : Retry(session)) ?? (client.IsAcquired ? null : Retry(client)) ?? window;
        return new RateDecision(false, wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait);
    }

    private readonly record struct LocalKey(string Key, int Limit, TimeSpan Window);

    private static TimeSpan? Retry(RateLimitLease lease) => lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : null;

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Redis unavailable ({Error}); K-code checks limited by this replica alone")]
    private static partial void LogUnavailable(ILogger logger, string error);
}
