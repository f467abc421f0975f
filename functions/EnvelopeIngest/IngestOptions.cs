using System.ComponentModel.DataAnnotations;

namespace HybridVote.EnvelopeIngest;

/// <summary>Ingest worker settings (section "Ingest").</summary>
public sealed class IngestOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Ingest";

    /// <summary>Receipts claimed per transaction.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>Pause when the queue is empty, in milliseconds.</summary>
    [Range(10, 60_000)]
    public int IdleDelayMs { get; set; } = 200;
}
