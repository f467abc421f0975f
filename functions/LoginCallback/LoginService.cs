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
public sealed partial class LoginService(VoterStore voters, StaffStore staff, Pseudonyms pseudonyms, IOptions<FasOptions> options, ILogger<LoginService> log)
{
    /// <summary>The refusal reason of a login whose assurance level is too low.</summary>
    public const string TooWeak = "weak";

    /// <summary>The refusal reason of any other failed login.</summary>
    public const string Failed = "failed";

    /// <summary>The refusal reason of a login that gave no valid national number.</summary>
    public const string NoIdentity = "no-identity";

    /// <summary>The refusal reason of a login the provider refused or interrupted, or cannot serve.</summary>
    public const string ProviderError = "provider";

    /// <summary>The refusal reason of a staff login by a person who holds no role.</summary>
    public const string NoRole = "no-role";

    /// <summary>The authentication property that marks a staff login (FR011).</summary>
    public const string KindItem = "hv_login";

    /// <summary>Its value for a staff login.</summary>
    public const string StaffLogin = "staff";

    /// <summary>The page of a refusal reason (an unknown reason is the general one).</summary>
    public static ErrorKind PageOf(string reason) => reason switch
    {
        NoRole => ErrorKind.LoginNoRole,
        TooWeak => ErrorKind.LoginTooWeak,
        NoIdentity => ErrorKind.LoginNoIdentity,
        ProviderError => ErrorKind.LoginProviderError,
        _ => ErrorKind.LoginFailed,
    };

    /// <summary>Logs that the provider and this client's configuration do not match (for the operator).</summary>
    public static void ProviderMismatch(HttpContext ctx, string mismatch) =>
        LogMismatch(ctx.RequestServices.GetRequiredService<ILogger<LoginService>>(), mismatch);

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
            Refuse(ctx, NoIdentity);
            return;
        }

        var language = Languages.Parse(FasClaims.Value(principal, FasClaims.PreferredLanguage));
        if (ctx.Properties?.Items.TryGetValue(KindItem, out var kind) == true && kind == StaffLogin)
        {
            // Staff are found by their own pseudonym and must hold a role (FR011, SEC014); the same
            // assurance level as voters (Level450 or more) was checked above.
            byte[] staffKey = pseudonyms.StaffKey(nrn);
            if ((await staff.RolesAsync(staffKey, ctx.HttpContext.RequestAborted)).Count == 0)
            {
                LogRefused(log, "no staff role", level);
                Refuse(ctx, NoRole);
                return;
            }

            ctx.Principal = StaffSession.ToPrincipal(staffKey, FasClaims.Value(principal, FasClaims.GivenName) ?? string.Empty, language);
            ctx.ReturnUri = Routes.Station;
            LogStaffLogin(log, level);
            return;
        }

        byte[] voterKey = pseudonyms.VoterKey(nrn);
        var voter = await voters.FindAsync(voterKey, ctx.HttpContext.RequestAborted);
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

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Staff member logged in (level {Level})")]
    private static partial void LogStaffLogin(ILogger logger, int level);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Error, Message = "Login impossible: {Mismatch}")]
    private static partial void LogMismatch(ILogger logger, string mismatch);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Login refused: {Reason} (level {Level})")]
    private static partial void LogRefused(ILogger logger, string reason, int level);
}
