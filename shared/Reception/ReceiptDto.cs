using System.Text.Json;
using System.Text.Json.Serialization;

namespace HybridVote.Reception;

/// <summary>One scanned outer envelope as the scanner sends it.</summary>
/// <param name="LabelToken">The token read from the label's QR code.</param>
/// <param name="ScannedAt">When the envelope was scanned (ISO 8601 with offset).</param>
/// <param name="IdempotencyKey">The scanner's unique id for this scan; a retry sends the same key.</param>
/// <param name="SecondEnvelope">
/// The bureau confirms it holds a second physical envelope of a label it was told is already
/// received (sent with a new idempotency key). Without it, a further scan of a received label is
/// the same envelope scanned again and changes nothing (FR008).
/// </param>
public sealed record ReceiptDto(string? LabelToken, DateTimeOffset? ScannedAt, string? IdempotencyKey, bool SecondEnvelope = false);

/// <summary>A batch of receipts.</summary>
public sealed record ReceiptBatchDto(IReadOnlyList<ReceiptDto>? Receipts);

/// <summary>The 202 answer: one entry per receipt of the request, in order.</summary>
public sealed record ReceiptsAccepted(IReadOnlyList<AcceptedReceipt> Receipts);

/// <summary>
/// A stored receipt: the scanner's key, the receipt id (the original one for a replayed key) and
/// the verdict for the bureau. The verdict is provisional (<paramref name="Final"/> false) until
/// ingest applied the receipt; ingest stays the authority and may decide otherwise (a receipt of the
/// same label applied first).
/// </summary>
/// <param name="IdempotencyKey">The scanner's key.</param>
/// <param name="ReceiptId">The stored receipt.</param>
/// <param name="Verdict">accepted, unknown-label, other-constituency, already-received, voted-in-person, late or second-envelope (absent when Intake:Verdicts is off).</param>
/// <param name="Final">Whether ingest has already applied the receipt (a replayed key).</param>
/// <param name="LabelCheck">For unknown-label: holds (a label of this format that no election printed), fails (a typing or reading error) or not-a-label.</param>
/// <param name="ReceivedAt">For already-received: when the envelope was first scanned.</param>
/// <param name="ReceivedBy">For already-received: the bureau that scanned it first.</param>
/// <param name="MainBureau">For other-constituency: the main bureau of the envelope's constituency, to forward it to.</param>
public sealed record AcceptedReceipt(string IdempotencyKey, long ReceiptId, string? Verdict, bool Final,
    string? LabelCheck = null, DateTimeOffset? ReceivedAt = null, BureauRef? ReceivedBy = null, BureauRef? MainBureau = null);

/// <summary>A bureau as a scanner shows it.</summary>
public sealed record BureauRef(string Id, string Name);

/// <summary>
/// Serializers generated at build time for the scanner API's bodies: no reflection per request at
/// the intake peak (NFR002, NFR006). Problem details keep the default serializer.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ReceiptDto))]
[JsonSerializable(typeof(ReceiptBatchDto))]
[JsonSerializable(typeof(ReceiptsAccepted))]
public sealed partial class IntakeJson : JsonSerializerContext;
