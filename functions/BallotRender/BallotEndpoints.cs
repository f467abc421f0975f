using HybridVote.Ballots;
using HybridVote.Domain;
using HybridVote.Hosting;
using HybridVote.Pages;

namespace HybridVote.BallotRender;

/// <summary>PDF downloads: the voter's blank ballot, label and instructions, and public blank ballots; the lists as a page for screen readers.</summary>
public static class BallotEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static WebApplication MapBallotEndpoints(this WebApplication app)
    {
        var voter = app.MapGroup(string.Empty).RequireAuthorization();
        voter.MapGet(Routes.BallotPdf, async (string electionId, HttpContext ctx, BallotService service) =>
            Ballot(Eligible(ctx) is { } key ? await service.BallotForVoterAsync(key, electionId, ctx.RequestAborted) : null, $"ballot-{electionId}.pdf"));
        voter.MapGet(Routes.LabelPdf, async (string electionId, HttpContext ctx, BallotService service) =>
            Eligible(ctx) is { } key && await service.LabelForVoterAsync(key, electionId, VoterSession.LanguageOf(ctx), ctx.RequestAborted) is { } pdf
                ? Pdf(pdf, $"label-{electionId}.pdf")
                : Problems.Create(404, "no-label", "Print your ballot first: the label is made when you print."));
        voter.MapGet(Routes.InstructionsPdf, async (string electionId, HttpContext ctx, BallotService service) =>
            Eligible(ctx) is { } key && await service.InstructionsForVoterAsync(key, electionId, VoterSession.LanguageOf(ctx), ctx.RequestAborted) is { } pdf
                ? Pdf(pdf, $"instructions-{electionId}.pdf")
                : Problems.Create(404, "no-ballot", "You do not take part in this election."));
        voter.MapGet(Routes.BallotLists, async (string electionId, HttpContext ctx, BallotService service) =>
            Eligible(ctx) is { } key && await service.ListsForVoterAsync(key, electionId, ErrorPages.Frame(ctx), ctx.RequestAborted) is { } view
                ? PageResults.Lists(view)
                : ErrorPages.Page(ctx, ErrorKind.NotFound));
        app.MapGet(Routes.BlankBallot, async (string electionId, string contestId, string languages, BallotService service, CancellationToken ct) =>
            Ballot(await service.BlankAsync(electionId, contestId, BallotLanguages.Parse(languages), ct), $"ballot-{electionId}-{contestId}.pdf"));
        return app;
    }

    private static byte[]? Eligible(HttpContext ctx) => VoterSession.From(ctx)?.VoterKey;

    private static IResult Ballot(BallotPdf? ballot, string name) => ballot switch
    {
        BallotPdf.Rendered r => Pdf(r.Pdf, name),
        BallotPdf.CannotFit c => Problems.Create(409, "ballot-cannot-fit", $"Lists {string.Join(", ", c.Lists.Select(l => l.ListNumber))} do not fit one sheet; the organiser must proof this ballot."),
        _ => Problems.Create(404, "no-ballot", "No such election or constituency, or you do not take part in it."),
    };

    private static IResult Pdf(byte[] bytes, string name) => TypedResults.File(bytes, "application/pdf", name);
}
