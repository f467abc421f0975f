namespace HybridVote.BallotRender;

/// <summary>A small thread-safe least-recently-used cache.</summary>
public sealed class LruCache<TKey, TValue>(int capacity)
    where TKey : notnull
{
    private readonly Dictionary<TKey, LinkedListNode<(TKey Key, TValue Value)>> map = [];
    private readonly LinkedList<(TKey Key, TValue Value)> order = new();
    private readonly Lock gate = new();

    /// <summary>Looks up a value and marks it as recently used.</summary>
    public bool TryGet(TKey key, out TValue value)
    {
        lock (gate)
        {
            if (map.TryGetValue(key, out var node))
            {
                order.Remove(node);
                order.AddFirst(node);
                value = node.Value.Value;
                return true;
            }
        }

        value = default!;
        return false;
    }

    /// <summary>Adds or replaces a value, evicting the least recently used one when full.</summary>
    public void Set(TKey key, TValue value)
    {
        lock (gate)
        {
            if (map.Remove(key, out var old))
            {
                order.Remove(old);
            }
            else if (map.Count >= capacity)
            {
                map.Remove(order.Last!.Value.Key);
                order.RemoveLast();
            }

            map[key] = order.AddFirst((key, value));
        }
    }
}
