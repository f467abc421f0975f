using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

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

    /// <summary>The candidate lists as a page.</summary>
    public static IResult Lists(ListsView view) => Render<ListsPage>(view, StatusCodes.Status200OK);

    /// <summary>The question before printing again.</summary>
    public static IResult Reprint(ReprintView view) => Render<ReprintPage>(view, StatusCodes.Status200OK);

    /// <summary>The status page (429 when too many codes were checked).</summary>
    public static IResult Status(StatusView view) =>
        Render<StatusPage>(view, view.RetryAfterMinutes is null ? StatusCodes.Status200OK : StatusCodes.Status429TooManyRequests);

    /// <summary>The staff home page.</summary>
    public static IResult StaffHome(StaffHomeView view) => Render<StaffHomePage>(view, StatusCodes.Status200OK);

    /// <summary>A bureau's reception station (400 when the scan sent was unreadable).</summary>
    public static IResult Station(StationView view) => Render<StationPage>(view, view.Unreadable || view.Close is { Unreadable: true } ? StatusCodes.Status400BadRequest
        : view.Close?.Refusal is not null || view.ScanRefused ? StatusCodes.Status409Conflict : StatusCodes.Status200OK);

    /// <summary>A counting bureau's tally sheet page (409 when the last action was refused).</summary>
    public static IResult Counting(CountingView view) => Render<CountingPage>(view, view.Problem is null ? StatusCodes.Status200OK
        : view.Problem.Locked ? StatusCodes.Status423Locked : StatusCodes.Status409Conflict);

    /// <summary>The count's progress page.</summary>
    public static IResult Progress(ProgressView view) => Render<ProgressPage>(view, StatusCodes.Status200OK);

    /// <summary>The results page; 409 when it answers a download that is held back.</summary>
    public static IResult ResultsPage(ResultsView view, bool heldBack = false) => Render<ResultsPage>(view, heldBack ? StatusCodes.Status409Conflict : StatusCodes.Status200OK);

    /// <summary>An error or end page with the status code that goes with it (or <paramref name="status"/>).</summary>
    /// <remarks>
    /// The answer to a refused POST is rendered without the form machinery of
    /// <see cref="RazorComponentResult"/>, which would refuse a POST without a valid form token and turn
    /// the error page into a 500.
    /// </remarks>
    public static IResult Error(ErrorView view, int? status = null) => new ErrorResult(view, status ?? StatusOf(view.Kind));

    /// <summary>The HTTP status of an error page.</summary>
    public static int StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.BadRequest => StatusCodes.Status400BadRequest,
        ErrorKind.LoginRequired => StatusCodes.Status401Unauthorized,
        ErrorKind.NotEligible or ErrorKind.NotStaff => StatusCodes.Status403Forbidden,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.MethodNotAllowed => StatusCodes.Status405MethodNotAllowed,
        ErrorKind.IssueClosed or ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.Unavailable or ErrorKind.LoginProviderError => StatusCodes.Status503ServiceUnavailable,
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
        >= 400 => ErrorKind.BadRequest,
        _ => null,
    };

    private sealed class ErrorResult(ErrorView view, int status) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            if (HttpMethods.IsGet(httpContext.Request.Method) || HttpMethods.IsHead(httpContext.Request.Method))
            {
                await Render<ErrorPage>(view, status).ExecuteAsync(httpContext);
                return;
            }

            var services = httpContext.RequestServices;
            await using var renderer = new HtmlRenderer(services, services.GetRequiredService<ILoggerFactory>());
            string html = await renderer.Dispatcher.InvokeAsync(async () =>
                (await renderer.RenderComponentAsync<ErrorPage>(ParameterView.FromDictionary(new Dictionary<string, object?> { ["Model"] = view }))).ToHtmlString());
            httpContext.Response.StatusCode = status;
            httpContext.Response.ContentType = "text/html; charset=utf-8";
            await httpContext.Response.WriteAsync(html);
        }
    }

    private static RazorComponentResult<TPage> Render<TPage>(object view, int status)
        where TPage : IComponent =>
        new(new Dictionary<string, object?> { ["Model"] = view }) { StatusCode = status, ContentType = "text/html; charset=utf-8" };
}
