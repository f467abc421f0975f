using HybridVote.Domain;
using HybridVote.Hosting;
using HybridVote.Pages;
using HybridVote.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace HybridVote.LoginCallback;

/// <summary>
/// Turns a successful provider login into the project's session: checks the assurance level,
/// derives the voter key from the national number and checks eligibility. The session never holds
/// the national number itself.
/// </summary>
public sealed partial class LoginService(VoterStore voters, Pseudonyms pseudonyms, IOptions<FasOptions> options, ILogger<LoginService> log)
{
    /// <summary>The refusal reason of a login whose assurance level is too low.</summary>
    public const string TooWeak = "weak";

    /// <summary>The refusal reason of any other failed login.</summary>
    public const string Failed = "failed";

    /// <summary>Handles the ticket the OIDC handler received.</summary>
    public async Task CompleteAsync(TicketReceivedContext ctx)
    {
        var principal = ctx.Principal!;
        int level = FasClaims.Level(principal, options.Value.AssuranceClaims.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        if (level < options.Value.MinimumLevel)
        {
            LogRefused(log, "assurance level too low", level);
            Refuse(ctx, TooWeak);
            return;
        }

        if (!NationalNumber.TryNormalize(FasClaims.Value(principal, FasClaims.NationalNumber), out var nrn))
        {
            LogRefused(log, "no valid national number", level);
            Refuse(ctx, Failed);
            return;
        }

        byte[] voterKey = pseudonyms.VoterKey(nrn);
        var voter = await voters.FindAsync(voterKey, ctx.HttpContext.RequestAborted);
        var language = Languages.Parse(FasClaims.Value(principal, FasClaims.PreferredLanguage));
        ctx.Principal = VoterSession.ToPrincipal(voter is null ? null : voterKey, FasClaims.Value(principal, FasClaims.GivenName) ?? string.Empty, language);
        ctx.ReturnUri = Routes.Home;
        LogLogin(log, voter is not null, level);
    }

    private static void Refuse(TicketReceivedContext ctx, string reason)
    {
        ctx.Response.Redirect(Routes.Refused(reason));
        ctx.HandleResponse();
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Voter logged in (eligible: {Eligible}, level {Level})")]
    private static partial void LogLogin(ILogger logger, bool eligible, int level);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Login refused: {Reason} (level {Level})")]
    private static partial void LogRefused(ILogger logger, string reason, int level);
}
