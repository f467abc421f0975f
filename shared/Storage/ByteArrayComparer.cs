namespace HybridVote.Storage;

/// <summary>Compares byte arrays by content (keyed hashes used as dictionary keys).</summary>
public sealed class ByteArrayComparer : IEqualityComparer<byte[]>
{
    /// <summary>The comparer.</summary>
    public static readonly ByteArrayComparer Instance = new();

    /// <inheritdoc />
    public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

    /// <inheritdoc />
    public int GetHashCode(byte[] obj) => BitConverter.ToInt32(obj, 0);
}

/// <summary>Orders byte arrays by content (lock ordering of rows keyed by hashes).</summary>
public sealed class ByteArrayOrder : IComparer<byte[]>
{
    /// <summary>The comparer.</summary>
    public static readonly ByteArrayOrder Instance = new();

    /// <inheritdoc />
    public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
}
