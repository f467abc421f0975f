namespace HybridVote.EnvelopeIntake;

/// <summary>One scanned outer envelope as the scanner sends it.</summary>
/// <param name="LabelToken">The token read from the label's QR code.</param>
/// <param name="ScannedAt">When the envelope was scanned (ISO 8601 with offset).</param>
/// <param name="IdempotencyKey">The scanner's unique id for this scan; a retry sends the same key.</param>
public sealed record ReceiptDto(string? LabelToken, DateTimeOffset? ScannedAt, string? IdempotencyKey);

/// <summary>A batch of receipts.</summary>
public sealed record ReceiptBatchDto(IReadOnlyList<ReceiptDto>? Receipts);
