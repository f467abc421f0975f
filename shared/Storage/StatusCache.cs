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

    // A lease marks a key whose value a reader is loading; answers never start with this character.
    private const string LeasePrefix = "\u0001lease:";
    private static readonly TimeSpan LeaseTime = TimeSpan.FromSeconds(10);
    private const string FillIfLeased = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) else return false end";

    private readonly Lock gate = new();
    private List<PendingRead> waiting = [];
    private bool reading;

    /// <summary>Raised (once per failure) when Redis cannot be reached, for the alert metric.</summary>
    public event Action? Unavailable;

    /// <summary>
    /// Cache key of a voter's envelope statuses (by voter key, never by national number). The
    /// version in the prefix changes with the shape of the cached answer, so a deployment never
    /// serves an answer cached by the previous one.
    /// </summary>
    public static string EnvelopeKey(byte[] voterKey) => "hv:env3:" + Convert.ToHexString(voterKey);

    /// <summary>Cache key of a ballot status (by keyed hash, never by K-code).</summary>
    public static string BallotKey(byte[] kcodeHash) => "hv:bal2:" + Convert.ToHexString(kcodeHash);

    /// <summary>
    /// The cached value, or null on a miss or when Redis is down. Reads that arrive while another
    /// read is on its way to Redis wait for it and then go together as one MGET (NFR002, NFR006): at the
    /// status peak one round trip answers several voters, which saves a request, a reply and a
    /// wake-up on both sides for each of them, and adds no delay when the peak is over (a read that
    /// finds nothing in flight goes at once).
    /// </summary>
    public Task<string?> GetAsync(string key)
    {
        // Completed from the read loop in the order of the batch; the waiting request then runs on
        // the loop's thread up to its next await (writing the response), after the next batch has
        // already been sent, so no thread-pool hop is paid per answer.
        var answer = new TaskCompletionSource<string?>();
        lock (gate)
        {
            waiting.Add(new(key, answer));
            if (reading)
            {
                return answer.Task;
            }

            reading = true;
        }

        _ = ReadLoopAsync();
        return answer.Task;
    }

    /// <summary>Stores a value with the TTL backstop; failures are logged and ignored.</summary>
    public Task SetAsync(string key, string value) =>
        OrWhenDownAsync(() => redis.GetDatabase().StringSetAsync(key, value, Ttl));

    /// <summary>
    /// Loads the value of a missed key (from PostgreSQL) and caches it, unless the key was
    /// invalidated while it was being loaded. Before loading, the reader leaves a lease in the key;
    /// an invalidation deletes it, and the value is stored only if the same lease is still there.
    /// Without it, a reader that loaded the old state just before a commit could store it just after
    /// that commit's invalidation, and the stale answer would stay until the TTL (FR008).
    /// </summary>
    public async Task<string> LoadAsync(string key, Func<Task<string>> load)
    {
        string lease = LeasePrefix + Guid.NewGuid().ToString("N");
        bool held = await OrWhenDownAsync(() => redis.GetDatabase().StringSetAsync(key, lease, LeaseTime, When.NotExists), false);
        string value = await load();
        if (held)
        {
            await OrWhenDownAsync(() => redis.GetDatabase().ScriptEvaluateAsync(FillIfLeased, [key], [lease, value, (long)Ttl.TotalMilliseconds]));
        }

        return value;
    }

    /// <summary>Drops cached answers after a committed change.</summary>
    public async Task InvalidateAsync(IEnumerable<string> keys)
    {
        var redisKeys = keys.Select(k => (RedisKey)k).ToArray();
        if (redisKeys.Length == 0)
        {
            return;
        }

        await OrWhenDownAsync(() => redis.GetDatabase().KeyDeleteAsync(redisKeys));
    }

    // A Redis call whose failure only costs the cache: logged, the alert raised, and the fallback answered.
    private Task OrWhenDownAsync(Func<Task> call) => OrWhenDownAsync(async () => { await call(); return true; }, false);

    private async Task<T> OrWhenDownAsync<T>(Func<Task<T>> call, T fallback)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            Fail(e);
            return fallback;
        }
    }

    // One MGET in flight at a time: its reply completes its readers after the next batch has been
    // sent. Ends when nobody is waiting; the next GetAsync starts it again.
    private async Task ReadLoopAsync()
    {
        var batch = TakeWaiting();
        var sent = batch is null ? null : SendAsync(batch);
        while (batch is not null)
        {
            RedisValue[]? values = null;
            Exception? unexpected = null;
            try
            {
                values = await sent!;
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                Fail(e);
            }
            catch (Exception e)
            {
                // Not a Redis outage (for example the connection disposed at shutdown): the readers
                // see the error, and the loop goes on for the others.
                unexpected = e;
            }

            var next = TakeWaiting();
            sent = next is null ? null : SendAsync(next);
            for (int i = 0; i < batch.Count; i++)
            {
                if (unexpected is not null)
                {
                    batch[i].Answer.TrySetException(unexpected);
                }
                else
                {
                    batch[i].Answer.TrySetResult(values is null || values[i].IsNull ? null : Answer(values[i].ToString()));
                }
            }

            batch = next;
        }
    }

    // A key holding a lease is a miss.
    private static string? Answer(string cached) => cached.StartsWith(LeasePrefix, StringComparison.Ordinal) ? null : cached;

    private List<PendingRead>? TakeWaiting()
    {
        lock (gate)
        {
            if (waiting.Count == 0)
            {
                reading = false;
                return null;
            }

            var batch = waiting;
            waiting = [];
            return batch;
        }
    }

    private Task<RedisValue[]> SendAsync(List<PendingRead> batch)
    {
        var keys = new RedisKey[batch.Count];
        for (int i = 0; i < keys.Length; i++)
        {
            keys[i] = batch[i].Key;
        }

        try
        {
            return redis.GetDatabase().StringGetAsync(keys);
        }
        catch (Exception e)
        {
            return Task.FromException<RedisValue[]>(e);
        }
    }

    private void Fail(Exception e)
    {
        LogUnavailable(log, e.GetType().Name);
        Unavailable?.Invoke();
    }

    private readonly record struct PendingRead(string Key, TaskCompletionSource<string?> Answer);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Redis unavailable ({Error}); answering from PostgreSQL")]
    private static partial void LogUnavailable(ILogger logger, string error);
}
