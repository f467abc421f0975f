using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace HybridVote.Hosting;

/// <summary>
/// The antiforgery token of the page forms (SEC004, ASVS V4.2.2): every form of the page layer
/// carries one, and an endpoint that changes state from a form refuses a request without a valid
/// one — a browser gets the 400 page, an API client a problem.
/// </summary>
public static class FormToken
{
    /// <summary>Requires a valid antiforgery token (form field and cookie, bound to the session's user).</summary>
    public static RouteHandlerBuilder RequireFormToken(this RouteHandlerBuilder endpoint) => endpoint
        .WithMetadata(new RequireAntiforgeryTokenAttribute())
        .AddEndpointFilter(async (context, next) => IsValid(context.HttpContext)
            ? await next(context)
            : ErrorPages.WantsHtml(context.HttpContext)
                ? ErrorPages.Page(context.HttpContext, Pages.ErrorKind.BadRequest)
                : Problems.Create(400, "form-token-invalid", "The form's antiforgery token is missing or not valid; reload the page and send it again."));

    /// <summary>True when the antiforgery middleware validated the request's token.</summary>
    public static bool IsValid(HttpContext ctx) => ctx.Features.Get<IAntiforgeryValidationFeature>()?.IsValid == true;
}
