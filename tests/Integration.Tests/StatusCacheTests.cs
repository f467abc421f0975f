using HybridVote.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace HybridVote.Integration.Tests;

/// <summary>The status cache's coalesced reads against the real Redis (NFR002, NFR006).</summary>
[Collection(InfrastructureCollection.Name)]
public sealed class StatusCacheTests(TestInfrastructure infra)
{
    [Fact]
    public async Task ConcurrentReads_GoTogether_AndEachGetsItsOwnValue()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(infra.Redis);
        var cache = new StatusCache(redis, NullLogger<StatusCache>.Instance);
        string run = Guid.NewGuid().ToString("N");
        var keys = Enumerable.Range(0, 300).Select(i => $"hv:test:{run}:{i}").ToArray();
        for (int i = 0; i < keys.Length; i += 2)
        {
            await cache.SetAsync(keys[i], "value " + i);
        }

        long before = Operations(redis);
        var answers = await Task.WhenAll(keys.Select(cache.GetAsync));
        long calls = Operations(redis) - before;

        for (int i = 0; i < keys.Length; i++)
        {
            Assert.Equal(i % 2 == 0 ? "value " + i : null, answers[i]);
        }

        // 300 reads asked at once: the first goes alone, the others wait for it and go together.
        Assert.InRange(calls, 1, 30);
    }

    [Fact]
    public async Task ReadsWhileRedisIsDown_AreMisses_AndRaiseTheAlertOnce()
    {
        var options = ConfigurationOptions.Parse("127.0.0.1:1");
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        await using var redis = await ConnectionMultiplexer.ConnectAsync(options);
        var cache = new StatusCache(redis, NullLogger<StatusCache>.Instance);
        int alerts = 0;
        cache.Unavailable += () => Interlocked.Increment(ref alerts);

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => cache.GetAsync("hv:test:down:" + i)));

        Assert.All(answers, Assert.Null);
        Assert.InRange(alerts, 1, 50);
        Assert.Null(await cache.GetAsync("hv:test:down:again"));
    }

    [Fact]
    public async Task ReadsAfterTheConnectionIsClosed_AreAnswered_NeverLeftWaiting()
    {
        var redis = await ConnectionMultiplexer.ConnectAsync(infra.Redis);
        var cache = new StatusCache(redis, NullLogger<StatusCache>.Instance);
        await redis.DisposeAsync();

        // Each read ends (a miss or the connection's error) instead of waiting for a loop that died.
        foreach (var key in new[] { "hv:test:closed", "hv:test:closed:again" })
        {
            var read = cache.GetAsync(key);
            await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(10)));
            Assert.True(read.IsCompleted, "the read was left waiting");
            if (read.IsCompletedSuccessfully)
            {
                Assert.Null(await read);
            }
        }
    }

    [Fact]
    public async Task Load_CachesWhatItLoaded_AndAKeyBeingLoadedReadsAsAMiss()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(infra.Redis);
        var cache = new StatusCache(redis, NullLogger<StatusCache>.Instance);
        string key = "hv:test:load:" + Guid.NewGuid().ToString("N");
        string? seenWhileLoading = "not read";

        string loaded = await cache.LoadAsync(key, async () =>
        {
            seenWhileLoading = await cache.GetAsync(key);
            return "fresh";
        });

        Assert.Equal("fresh", loaded);
        Assert.Null(seenWhileLoading);
        Assert.Equal("fresh", await cache.GetAsync(key));
    }

    [Fact]
    public async Task Load_InvalidatedWhileLoading_DoesNotCacheTheOldState()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(infra.Redis);
        var cache = new StatusCache(redis, NullLogger<StatusCache>.Instance);
        string key = "hv:test:race:" + Guid.NewGuid().ToString("N");

        // The reader has read the old state; a commit and its invalidation happen before it stores it.
        string loaded = await cache.LoadAsync(key, async () =>
        {
            await cache.InvalidateAsync([key]);
            return "old state";
        });

        Assert.Equal("old state", loaded);
        Assert.Null(await cache.GetAsync(key));
        Assert.Equal("new state", await cache.LoadAsync(key, () => Task.FromResult("new state")));
        Assert.Equal("new state", await cache.GetAsync(key));
    }

    // Commands this connection has sent (its own counter, so other tests' traffic does not count).
    private static long Operations(ConnectionMultiplexer redis) => redis.GetCounters().Interactive.OperationCount;
}
