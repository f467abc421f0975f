using Prometheus;

namespace HybridVote.Hosting;

/// <summary>Prometheus metrics of the application (names only; no personal data in labels).</summary>
public static class HvMetrics
{
    /// <summary>K-code sets issued (one per print action).</summary>
    public static readonly Counter KCodesIssued = Prometheus.Metrics.CreateCounter("hv_kcodes_issued_total", "K-codes issued.");

    /// <summary>Receipts accepted into the queue by intake.</summary>
    public static readonly Counter ReceiptsEnqueued = Prometheus.Metrics.CreateCounter("hv_receipts_enqueued_total", "Receipts durably queued.", "replayed");

    /// <summary>Receipts applied by ingest, by outcome code and (for rejects) reason code.</summary>
    public static readonly Counter ReceiptsApplied = Prometheus.Metrics.CreateCounter("hv_receipts_applied_total", "Receipts applied by ingest.", "outcome", "reason");

    /// <summary>Pending receipts as last seen by an ingest worker.</summary>
    public static readonly Gauge QueueDepth = Prometheus.Metrics.CreateGauge("hv_receipt_queue_depth", "Pending receipts in the queue.");

    /// <summary>Redis failures; a non-zero rate fires the "status cache down" alert.</summary>
    public static readonly Counter RedisUnavailable = Prometheus.Metrics.CreateCounter("hv_redis_unavailable_total", "Redis calls that failed and fell back to PostgreSQL.");

    /// <summary>Status answers by source.</summary>
    public static readonly Counter StatusAnswers = Prometheus.Metrics.CreateCounter("hv_status_answers_total", "Status answers.", "source");

    /// <summary>Counted ballots registered, by first/copy.</summary>
    public static readonly Counter BallotsRegistered = Prometheus.Metrics.CreateCounter("hv_ballots_registered_total", "Counted ballots registered.", "copy");
}
