using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Npgsql;

namespace HybridVote.Hosting;

/// <summary>
/// Turns the two expected failures into clear answers instead of 500: a request body that cannot
/// be read (400, nothing written) and an unreachable PostgreSQL (503 with Retry-After: nothing was
/// acknowledged, so the client retries — scanners with the same idempotency keys). A browser gets
/// the error page in its language (for any failure, 500 included); an API client problem details.
/// </summary>
public sealed class ExceptionProblems : IExceptionHandler
{
    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        bool storageDown = StorageDown(exception);
        if (storageDown || Chain(exception).Any(e => e is NpgsqlException))
        {
            HvMetrics.DatabaseErrors.WithLabels(storageDown ? "unavailable" : "statement").Inc();
        }

        // A dependency reached over HTTP (the identity provider's metadata) that does not answer.
        bool dependencyDown = !storageDown && Chain(exception).Any(e => e is HttpRequestException or IOException);
        IResult? problem = ErrorPages.WantsHtml(httpContext)
            ? ErrorPages.Page(httpContext, exception is BadHttpRequestException ? Pages.ErrorKind.BadRequest : storageDown || dependencyDown ? Pages.ErrorKind.Unavailable : Pages.ErrorKind.ServerError)
            : exception switch
            {
                BadHttpRequestException bad => Problems.Create(bad.StatusCode, "malformed-request", Unreadable(bad)),
                _ when storageDown => Problems.Create(503, "storage-unavailable", "The database is unavailable; nothing was stored. Retry later (same idempotency keys)."),
                _ when dependencyDown => Problems.Create(503, "dependency-unavailable", "A service this answer depends on does not answer; nothing was changed. Retry later."),
                _ => null,
            };
        if (problem is null)
        {
            return false;
        }

        if (storageDown)
        {
            httpContext.Response.Headers.RetryAfter = "5";
            // A restarted or failed-over server leaves every pooled connection broken: drop them all at
            // the first failure, so the retry gets a fresh connection instead of the next dead one.
            NpgsqlConnection.ClearAllPools();
        }

        await problem.ExecuteAsync(httpContext);
        return true;
    }

    // The database cannot be reached or is restarting (a connection failure, or an error of class
    // 08 connection, 53 resources or 57 operator intervention). An error about the statement's own
    // data says nothing about the connection: it is a 500, and the pools are left alone.
    private static bool StorageDown(Exception exception) => (exception as NpgsqlException ?? exception.InnerException as NpgsqlException) switch
    {
        null => false,
        PostgresException p => p.SqlState.StartsWith("08", StringComparison.Ordinal) || p.SqlState.StartsWith("53", StringComparison.Ordinal) || p.SqlState.StartsWith("57", StringComparison.Ordinal),
        _ => true,
    };

    private static IEnumerable<Exception> Chain(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            yield return exception;
        }
    }

    // Where the JSON went wrong (path, line, byte), never the values sent.
    private static string Unreadable(BadHttpRequestException bad) => bad.InnerException is System.Text.Json.JsonException { Path: var path, LineNumber: var line, BytePositionInLine: var position }
        ? $"The request body could not be read: {bad.Message} The JSON is malformed or of the wrong type at {path ?? "$"} (line {line + 1}, byte {position + 1})."
        : "The request body could not be read: " + bad.Message;
}
