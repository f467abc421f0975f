using Microsoft.AspNetCore.Http;

namespace HybridVote.Hosting;

/// <summary>
/// Cross-site request forgery defence for every state-changing request that carries the session
/// cookie (SEC004, ASVS 4.0.3 V4.2.2, V13.2.3): the browser's own statement of where the request
/// comes from (<c>Sec-Fetch-Site</c>, <c>Origin</c>) must say this origin. A same-site page (another
/// host of the same site, which SameSite=Lax lets through) is refused like a cross-site one. Forms
/// also carry an antiforgery token (the page layer renders it, the endpoints require it).
/// </summary>
public static class RequestOrigin
{
    /// <summary>Refuses a cookie-bearing POST, PUT, PATCH or DELETE that a browser says came from elsewhere (403).</summary>
    public static Task CheckAsync(HttpContext ctx, Func<Task> next)
    {
        var request = ctx.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)
            || !request.Cookies.ContainsKey(FunctionHost.SessionCookie) || FromHere(request))
        {
            return next();
        }

        return Problems.Create(403, "cross-origin-request", "A state-changing request must come from a page of this site.").ExecuteAsync(ctx);
    }

    // Fetch Metadata first: Sec-Fetch-Site is set by the browser and cannot be forged by a page.
    // Without it (an older browser), Origin must name this origin; "null" (what a browser sends
    // under Referrer-Policy: no-referrer or from an opaque origin) does not. A client that sends
    // neither is not a browser acting for someone else.
    private static bool FromHere(HttpRequest request)
    {
        string site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0)
        {
            return site is "same-origin" or "none";
        }

        string origin = request.Headers.Origin.ToString();
        return origin.Length == 0 || string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);
    }
}
