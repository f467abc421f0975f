using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace HybridVote.Storage;

/// <summary>The answer of the rate limiter: allowed, or refused with the time to wait.</summary>
public sealed record RateDecision(bool Allowed, TimeSpan RetryAfter);

/// <summary>
/// Limits K-code checks per session and per client address across every replica (counters in
/// Redis, fixed windows). The limits keep people from probing other voters' codes at scale; the
/// K-code's 80 bits make guessing hopeless anyway. When Redis is down the check is allowed and
/// the failure is reported (availability first; the status answer itself reveals no vote).
/// </summary>
public sealed partial class CheckRateLimiter(IConnectionMultiplexer redis, ILogger<CheckRateLimiter> log)
{
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
            return new RateDecision(true, TimeSpan.Zero);
        }
    }

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Redis unavailable ({Error}); K-code check allowed without rate limit")]
    private static partial void LogUnavailable(ILogger logger, string error);
}
