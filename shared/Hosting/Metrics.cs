using HybridVote.Domain;
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

    /// <summary>Age in seconds of the oldest pending receipt as last seen by an ingest worker (0 when the queue is empty).</summary>
    public static readonly Gauge QueueOldestAge = Prometheus.Metrics.CreateGauge("hv_receipt_queue_oldest_age_seconds", "Age of the oldest pending receipt.");

    /// <summary>Requests or batches that met a PostgreSQL error, by kind: "unavailable" (connection, resources, shutdown) or "statement".</summary>
    public static readonly Counter DatabaseErrors = Prometheus.Metrics.CreateCounter("hv_database_errors_total", "PostgreSQL errors met.", "kind");

    /// <summary>When the first pinned bureau certificate expires, as Unix time (<see cref="CertificateExpiryWatch"/>).</summary>
    public static readonly Gauge BureauCertificateNextExpiry = Prometheus.Metrics.CreateGauge("hv_bureau_certificate_next_expiry_timestamp_seconds", "When the first pinned bureau certificate expires (Unix time; +Inf when none is pinned).");

    /// <summary>Pinned bureau certificates that expire within <see cref="CertificateExpiryWatch.Horizon"/>.</summary>
    public static readonly Gauge BureauCertificatesExpiring = Prometheus.Metrics.CreateGauge("hv_bureau_certificates_expiring", "Pinned bureau certificates that expire within 14 days.");

    /// <summary>Redis failures; a non-zero rate fires the "status cache down" alert.</summary>
    public static readonly Counter RedisUnavailable = Prometheus.Metrics.CreateCounter("hv_redis_unavailable_total", "Redis calls that failed and fell back to PostgreSQL.");

    /// <summary>Status answers by source.</summary>
    public static readonly Counter StatusAnswers = Prometheus.Metrics.CreateCounter("hv_status_answers_total", "Status answers.", "source");

    /// <summary>Counted ballots registered, by first/copy.</summary>
    public static readonly Counter BallotsRegistered = Prometheus.Metrics.CreateCounter("hv_ballots_registered_total", "Counted ballots registered.", "copy");

    /// <summary>
    /// Creates every series the alerts and the dashboard name, at zero, so that a rule sees 0 and not
    /// "no data" before the first event (a reject reason never seen, Redis never down).
    /// </summary>
    public static void Publish()
    {
        // No certificate pinned yet: nothing expires (+Inf), which no expiry alert fires on.
        if (BureauCertificateNextExpiry.Value == 0)
        {
            BureauCertificateNextExpiry.Set(double.PositiveInfinity);
        }

        foreach (var outcome in new[] { ReceiptOutcome.Codes.Accepted, ReceiptOutcome.Codes.Cancelled, ReceiptOutcome.Codes.Duplicate, ReceiptOutcome.Codes.Rescan })
        {
            ReceiptsApplied.WithLabels(outcome, string.Empty);
        }

        foreach (var reason in RejectReasons.All)
        {
            ReceiptsApplied.WithLabels(ReceiptOutcome.Codes.Rejected, reason.Code());
        }

        foreach (var flag in new[] { "false", "true" })
        {
            ReceiptsEnqueued.WithLabels(flag);
            BallotsRegistered.WithLabels(flag);
        }

        StatusAnswers.WithLabels("cache");
        StatusAnswers.WithLabels("database");
        DatabaseErrors.WithLabels("unavailable");
        DatabaseErrors.WithLabels("statement");
    }
}
