using HybridVote.Pages;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace HybridVote.Hosting;

/// <summary>
/// An error reaches a browser as a page in the visitor's language with a way back, and an API
/// client as problem details (JSON): the <c>Accept</c> header decides (FR004).
/// </summary>
public static class ErrorPages
{
    /// <summary>True when the client asked for HTML (a browser), not JSON.</summary>
    public static bool WantsHtml(HttpContext ctx) => ctx.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.Ordinal);

    /// <summary>The page frame of the request: language, session and path.</summary>
    public static PageFrame Frame(HttpContext ctx) =>
        new(VoterSession.LanguageOf(ctx), ctx.User.Identity?.IsAuthenticated == true, HttpMethods.IsGet(ctx.Request.Method) ? ctx.Request.Path.Value ?? Routes.Home : Routes.Home);

    /// <summary>The error page of <paramref name="kind"/> for this request.</summary>
    public static IResult Page(HttpContext ctx, ErrorKind kind) => PageResults.Error(new ErrorView(Frame(ctx), kind));

    /// <summary>Status-code pages: a body for every 4xx/5xx answer that has none yet.</summary>
    public static async Task StatusCodeAsync(StatusCodeContext context)
    {
        var ctx = context.HttpContext;
        if (WantsHtml(ctx) && PageResults.KindOf(ctx.Response.StatusCode) is { } kind)
        {
            await PageResults.Error(new ErrorView(Frame(ctx), kind), ctx.Response.StatusCode).ExecuteAsync(ctx);
            return;
        }

        // TryWrite: a client that accepts neither HTML nor JSON still gets its status code.
        await ctx.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext { HttpContext = ctx });
    }
}
