using HybridVote.Domain;
using HybridVote.Hosting;
using HybridVote.Reception;
using HybridVote.Pages;

namespace HybridVote.EnvelopeIntake;

/// <summary>Scanner API: <c>POST /intake/receipt</c> (one) and <c>POST /intake/receipts</c> (batch), per-bureau key.</summary>
public static class IntakeEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static WebApplication MapIntakeEndpoints(this WebApplication app)
    {
        app.MapPost(Routes.IntakeReceipt, (ReceiptDto receipt, HttpContext ctx, BureauAuthentication auth, IntakeService service) =>
            HandleAsync([receipt], ctx, auth, service)).Limited();
        app.MapPost(Routes.IntakeReceipts, (ReceiptBatchDto batch, HttpContext ctx, BureauAuthentication auth, IntakeService service) =>
            HandleAsync(batch.Receipts, ctx, auth, service)).Limited();
        return app;
    }

    private static async Task<IResult> HandleAsync(IReadOnlyList<ReceiptDto>? receipts, HttpContext ctx, BureauAuthentication auth, IntakeService service)
    {
        var signIn = await auth.SignInAsync(ctx, BureauDuty.Reception);
        if (signIn.Bureau is not { } bureau)
        {
            return signIn.Refusal!;
        }

        var errors = service.Validate(receipts);
        if (errors.Count > 0)
        {
            return Problems.Create(400, "malformed-receipt", "Some receipts are not valid; none was stored.", errors);
        }

        // A database failure surfaces as 503 with Retry-After (ExceptionProblems): nothing acknowledged (NFR005).
        var stored = await service.EnqueueAsync(bureau, receipts!, ctx.RequestAborted);
        var conflicts = stored.Select((s, i) => (s, i)).Where(p => p.s.Stored.Conflict).ToDictionary(p => $"receipts[{p.i}]", _ => new[] { "idempotencyKey was already used for another envelope; this receipt was not stored" });
        if (conflicts.Count > 0)
        {
            // The other receipts of the request are stored; sending the request again is safe.
            return Problems.Create(409, "idempotency-key-reused", "An idempotency key was reused for a different envelope; that receipt was not stored, the others were.", conflicts);
        }

        return TypedResults.Accepted((string?)null, new ReceiptsAccepted([.. stored.Select(s => s.Receipt!)]));
    }
}
