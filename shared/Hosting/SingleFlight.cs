using System.Collections.Concurrent;

namespace HybridVote.Hosting;

/// <summary>
/// Runs one piece of work per key at a time: concurrent callers with the same key share the
/// result instead of all hitting the database or the renderer (cache stampede protection).
/// </summary>
public sealed class SingleFlight<T>
{
    private readonly ConcurrentDictionary<string, Lazy<Task<T>>> inFlight = new(StringComparer.Ordinal);

    /// <summary>Runs <paramref name="work"/> unless a call with the same key is already running.</summary>
    public async Task<T> RunAsync(string key, Func<Task<T>> work, CancellationToken ct)
    {
        var flight = inFlight.GetOrAdd(key, _ => new Lazy<Task<T>>(work));
        try
        {
            return await flight.Value.WaitAsync(ct);
        }
        finally
        {
            inFlight.TryRemove(KeyValuePair.Create(key, flight));
        }
    }
}
