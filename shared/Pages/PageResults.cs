using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HybridVote.Pages;

/// <summary>The only way a page reaches a browser: a Razor component over its view model, rendered on the server.</summary>
public static class PageResults
{
    private static readonly Lazy<string> Css = new(() =>
    {
        using var stream = typeof(PageResults).Assembly.GetManifestResourceStream("HybridVote.Pages.site.css")!;
        return new StreamReader(stream).ReadToEnd();
    });

    /// <summary>The style sheet of every page (FR004: large type and targets, high contrast).</summary>
    public static string SiteCss => Css.Value;

    /// <summary>The home page.</summary>
    public static IResult Home(HomeView view) => Render<HomePage>(view, StatusCodes.Status200OK);

    /// <summary>The K-codes after printing.</summary>
    public static IResult Print(PrintView view) => Render<PrintPage>(view, StatusCodes.Status200OK);

    /// <summary>The status page (429 when too many codes were checked).</summary>
    public static IResult Status(StatusView view) =>
        Render<StatusPage>(view, view.RetryAfterMinutes is null ? StatusCodes.Status200OK : StatusCodes.Status429TooManyRequests);

    /// <summary>An error or end page with the status code that goes with it (or <paramref name="status"/>).</summary>
    public static IResult Error(ErrorView view, int? status = null) => Render<ErrorPage>(view, status ?? StatusOf(view.Kind));

    /// <summary>The HTTP status of an error page.</summary>
    public static int StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.BadRequest => StatusCodes.Status400BadRequest,
        ErrorKind.NotEligible => StatusCodes.Status403Forbidden,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.MethodNotAllowed => StatusCodes.Status405MethodNotAllowed,
        ErrorKind.IssueClosed or ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        ErrorKind.ServerError => StatusCodes.Status500InternalServerError,
        _ => StatusCodes.Status200OK,
    };

    /// <summary>The error page of an HTTP status, or null when no page speaks of it.</summary>
    public static ErrorKind? KindOf(int status) => status switch
    {
        StatusCodes.Status400BadRequest => ErrorKind.BadRequest,
        StatusCodes.Status403Forbidden => ErrorKind.NotEligible,
        StatusCodes.Status404NotFound => ErrorKind.NotFound,
        StatusCodes.Status405MethodNotAllowed => ErrorKind.MethodNotAllowed,
        StatusCodes.Status409Conflict => ErrorKind.Conflict,
        StatusCodes.Status503ServiceUnavailable => ErrorKind.Unavailable,
        >= 500 => ErrorKind.ServerError,
        _ => null,
    };

    private static RazorComponentResult<TPage> Render<TPage>(object view, int status)
        where TPage : IComponent =>
        new(new Dictionary<string, object?> { ["Model"] = view }) { StatusCode = status, ContentType = "text/html; charset=utf-8" };
}
