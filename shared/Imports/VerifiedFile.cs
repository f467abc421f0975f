using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace HybridVote.Imports;

/// <summary>
/// An import file opened once, for both its signature check and its load (ASVS V12.x, NL decree
/// Ea 1(4)). The handle opened for the check is the one the load reads, so replacing the file by
/// another after the check changes nothing; the load hashes every byte it reads and, before
/// anything is committed, refuses (E005) when those bytes are not the ones whose SHA-256 was
/// checked (the file written in place between the check and the load).
/// </summary>
public sealed class VerifiedFile : IDisposable
{
    private readonly SafeFileHandle handle;
    private string? verifiedSha256;
    private HandleStream? load;

    private VerifiedFile(string path, SafeFileHandle handle)
    {
        Path = path;
        this.handle = handle;
    }

    /// <summary>The file's path, as given.</summary>
    public string Path { get; }

    /// <summary>The file's name, for messages and the audit trail.</summary>
    public string FileName => System.IO.Path.GetFileName(Path);

    /// <summary>Opens the file; the same handle serves the check and the load.</summary>
    public static VerifiedFile Open(string path) =>
        new(path, File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan));

    /// <summary>The stream the signature check reads, from the start.</summary>
    public Stream ForCheck() => new BufferedStream(new HandleStream(handle, null), 1 << 20);

    /// <summary>Records the SHA-256 (hex) the signature check found valid.</summary>
    public void Verified(string sha256) => verifiedSha256 = sha256;

    /// <summary>
    /// The stream the load reads, from the start and straight from the file (no bytes kept from the
    /// check), hashing what it reads; call <see cref="Confirm"/> after the last read.
    /// </summary>
    public Stream ForLoad()
    {
        if (verifiedSha256 is null)
        {
            throw new InvalidOperationException($"{FileName}: loaded before its signature was checked");
        }

        load = new HandleStream(handle, IncrementalHash.CreateHash(HashAlgorithmName.SHA256));
        return new BufferedStream(load, 1 << 16);
    }

    /// <summary>
    /// Reads what the load left unread (trailing bytes) and refuses the file (E005) when the bytes
    /// read are not those whose signature was checked.
    /// </summary>
    public void Confirm(Stream loaded)
    {
        loaded.CopyTo(Stream.Null);
        if (!string.Equals(Convert.ToHexString(load!.Hash!.GetHashAndReset()), verifiedSha256, StringComparison.OrdinalIgnoreCase))
        {
            throw Changed();
        }
    }

    /// <summary>
    /// True when the file now holds other bytes than those whose signature was checked: a load that
    /// failed on such a file is reported as changed (E005), not as the error the mixed bytes caused.
    /// </summary>
    public bool ChangedSinceCheck()
    {
        if (verifiedSha256 is null)
        {
            return false;
        }

        using var now = new HandleStream(handle, null);
        return !string.Equals(Convert.ToHexString(SHA256.HashData(now)), verifiedSha256, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The refusal of a file that changed after its check.</summary>
    public ImportRefused Changed() =>
        new("E005", 0, "the file changed after its signature was checked (the bytes read differ from the signed ones)", FileName);

    /// <inheritdoc />
    public void Dispose() => handle.Dispose();

    // Reads the shared handle from offset 0 at its own position (positional reads, so a check and a
    // load never share a buffer or a file offset), hashing when loading.
    private sealed class HandleStream(SafeFileHandle file, IncrementalHash? hash) : Stream
    {
        private long position;

        public IncrementalHash? Hash => hash;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => RandomAccess.GetLength(file);

        public override long Position { get => position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int read = RandomAccess.Read(file, buffer, position);
            position += read;
            hash?.AppendData(buffer[..read]);
            return read;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            int read = await RandomAccess.ReadAsync(file, buffer, position, cancellationToken);
            position += read;
            hash?.AppendData(buffer.Span[..read]);
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
