using HybridVote.Domain;
using HybridVote.Hosting;
using HybridVote.Pages;

namespace HybridVote.BallotRegistration;

/// <summary>Counting API: <c>POST /registration/ballots</c>, per-bureau key.</summary>
public static class RegistrationEndpoints
{
    /// <summary>Maps the endpoint.</summary>
    public static WebApplication MapRegistrationEndpoints(this WebApplication app)
    {
        app.MapPost(Routes.RegistrationBallots, async (CountedBatchDto batch, HttpContext ctx, BureauAuthentication auth, RegistrationService service) =>
        {
            var signIn = await auth.SignInAsync(ctx, BureauDuty.Counting);
            if (signIn.Bureau is not { } bureau)
            {
                return signIn.Refusal!;
            }

            return await service.RegisterAsync(bureau, batch.Ballots, ctx.RequestAborted) switch
            {
                RegistrationOutcome.Registered r => Results.Ok(new { results = r.Results }),
                RegistrationOutcome.CountingClosed => Problems.Create(409, "counting-not-open", "Ballots can be registered only after in-person voting has closed and before validation."),
                RegistrationOutcome.Invalid i => Problems.Create(422, "invalid-ballots", "Some ballots are not valid; none was registered.", i.Errors),
                RegistrationOutcome.SheetLocked => Problems.Create(423, "sheet-locked", "The bureau's president has locked its figures; nothing was registered. An unlock needs the constituency's president."),
                RegistrationOutcome.EntryReused e => Problems.Create(409, "entry-id-reused", "An entry id was already used for another K-code; none was registered.", e.Errors),
                _ => throw new InvalidOperationException(),
            };
        });
        return app;
    }
}
