using System.Text.Json;
using System.Text.Json.Serialization;

namespace HybridVote.EnvelopeIntake;

/// <summary>One scanned outer envelope as the scanner sends it.</summary>
/// <param name="LabelToken">The token read from the label's QR code.</param>
/// <param name="ScannedAt">When the envelope was scanned (ISO 8601 with offset).</param>
/// <param name="IdempotencyKey">The scanner's unique id for this scan; a retry sends the same key.</param>
public sealed record ReceiptDto(string? LabelToken, DateTimeOffset? ScannedAt, string? IdempotencyKey);

/// <summary>A batch of receipts.</summary>
public sealed record ReceiptBatchDto(IReadOnlyList<ReceiptDto>? Receipts);

/// <summary>The 202 answer: one entry per receipt of the request, in order.</summary>
public sealed record ReceiptsAccepted(IReadOnlyList<AcceptedReceipt> Receipts);

/// <summary>A stored receipt: the scanner's key and the receipt id (the original one for a replayed key).</summary>
public sealed record AcceptedReceipt(string IdempotencyKey, long ReceiptId);

/// <summary>
/// Serializers generated at build time for the scanner API's bodies: no reflection per request at
/// the intake peak (NFR002, NFR006). Problem details keep the default serializer.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ReceiptDto))]
[JsonSerializable(typeof(ReceiptBatchDto))]
[JsonSerializable(typeof(ReceiptsAccepted))]
public sealed partial class IntakeJson : JsonSerializerContext;
