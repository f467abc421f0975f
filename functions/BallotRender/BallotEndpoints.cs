using HybridVote.Domain;
using HybridVote.Hosting;

namespace HybridVote.BallotRender;

/// <summary>PDF downloads: the voter's blank ballot and label, and public blank ballots for proofing.</summary>
public static class BallotEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static WebApplication MapBallotEndpoints(this WebApplication app)
    {
        app.MapGet("/ballots/ballot/{electionId}", async (string electionId, HttpContext ctx, BallotService service) =>
        {
            var session = VoterSession.From(ctx)!;
            var pdf = session.Eligible ? await service.BallotForVoterAsync(session.VoterKey!, electionId, ctx.RequestAborted) : null;
            return pdf is null ? Problems.Create(404, "no-ballot", "You do not take part in this election.") : Pdf(pdf, $"ballot-{electionId}.pdf");
        }).RequireAuthorization();
        app.MapGet("/ballots/label/{electionId}", async (string electionId, HttpContext ctx, BallotService service) =>
        {
            var session = VoterSession.From(ctx)!;
            var pdf = session.Eligible ? await service.LabelForVoterAsync(session.VoterKey!, electionId, ctx.RequestAborted) : null;
            return pdf is null ? Problems.Create(404, "no-label", "Print your ballot first: the label is made when you print.") : Pdf(pdf, $"label-{electionId}.pdf");
        }).RequireAuthorization();
        app.MapGet("/ballots/blank/{electionId}/{contestId}/{language}", async (string electionId, string contestId, string language, BallotService service, CancellationToken ct) =>
        {
            var pdf = await service.BlankAsync(electionId, contestId, Languages.Parse(language), ct);
            return pdf is null ? Problems.Create(404, "no-ballot", "No such election or constituency.") : Pdf(pdf, $"ballot-{electionId}-{contestId}.pdf");
        });
        return app;
    }

    private static IResult Pdf(byte[] bytes, string name) => TypedResults.File(bytes, "application/pdf", name);
}
