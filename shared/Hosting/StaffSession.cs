using System.Security.Claims;
using HybridVote.Domain;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace HybridVote.Hosting;

/// <summary>
/// What the session cookie holds about a member of staff (FR011): the keyed hash of the national
/// number in the staff context (never the number), the given name and the language. The roles are
/// not in the cookie: staff pages read them per request (<c>StaffStore</c>), so a role removed is
/// gone at the next request, without waiting for the session to end.
/// </summary>
public sealed record StaffSession(byte[] StaffKey, string GivenName, Language Language)
{
    /// <summary>Claim type of the staff key (base64).</summary>
    public const string StaffKeyClaim = "hv_sk";

    /// <summary>The staff session of the request, or null (anonymous, or a voter's session).</summary>
    public static StaffSession? From(HttpContext ctx)
    {
        var user = ctx.User;
        if (user.Identity?.IsAuthenticated != true || user.FindFirstValue(StaffKeyClaim) is not { Length: > 0 } key)
        {
            return null;
        }

        return new StaffSession(Convert.FromBase64String(key), user.FindFirstValue(VoterSession.GivenNameClaim) ?? string.Empty, VoterSession.LanguageOf(ctx));
    }

    /// <summary>Builds the identity stored in the cookie.</summary>
    public static ClaimsPrincipal ToPrincipal(byte[] staffKey, string givenName, Language language, DateTimeOffset? issuedAt = null)
    {
        var claims = new List<Claim>
        {
            new(StaffKeyClaim, Convert.ToBase64String(staffKey)),
            new(VoterSession.GivenNameClaim, givenName),
            new(VoterSession.LanguageClaim, language.Code()),
        };
        claims.AddRange(SessionRevocations.NewSessionClaims(issuedAt ?? DateTimeOffset.UtcNow));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, FunctionHost.SessionScheme));
    }
}

/// <summary>A staff request that may go ahead: the person and the roles they hold now.</summary>
public sealed record StaffAccess(StaffSession Session, IReadOnlyList<StaffAssignment> Roles);

/// <summary>
/// The one check in front of every staff page and action (FR011, SEC014): a staff session, and
/// roles read from the database at this request that allow what is asked. Anything else gets the
/// 403 page that offers the staff login — never a redirect, so a voter's session cannot loop.
/// </summary>
public static class StaffGate
{
    /// <summary>The access, or the refusal page (<see cref="StaffAccess"/> null).</summary>
    public static async Task<(StaffAccess? Access, IResult? Refusal)> CheckAsync(HttpContext ctx, Func<IReadOnlyList<StaffAssignment>, bool> allowed)
    {
        if (StaffSession.From(ctx) is not { } session)
        {
            return (null, ErrorPages.Page(ctx, Pages.ErrorKind.NotStaff));
        }

        var roles = await ctx.RequestServices.GetRequiredService<Storage.StaffStore>().RolesAsync(session.StaffKey, ctx.RequestAborted);
        return roles.Count > 0 && allowed(roles) ? (new StaffAccess(session, roles), null) : (null, ErrorPages.Page(ctx, Pages.ErrorKind.NotStaff));
    }

    /// <summary>Whether the roles allow <paramref name="permission"/> at <paramref name="bureau"/> (in its election).</summary>
    public static Func<IReadOnlyList<StaffAssignment>, bool> At(Storage.BureauInfo bureau, StaffPermission permission) =>
        roles => StaffRules.Allows(roles, permission, bureau.ElectionId, bureau.Id);
}
