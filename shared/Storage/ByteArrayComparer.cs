namespace HybridVote.Storage;

/// <summary>Compares byte arrays by content (keyed hashes used as dictionary keys).</summary>
internal sealed class ByteArrayComparer : IEqualityComparer<byte[]>
{
    public static readonly ByteArrayComparer Instance = new();

    public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

    public int GetHashCode(byte[] obj) => BitConverter.ToInt32(obj, 0);
}
