using Microsoft.AspNetCore.Http;

namespace HybridVote.Hosting;

/// <summary>The one place that turns expected outcomes into problem details with a stable error code.</summary>
public static class Problems
{
    /// <summary>The problem type URI of an error code.</summary>
    public static string TypeFor(string code) => "https://hybridvote.example/errors/" + code;

    /// <summary>A problem result with a stable <paramref name="code"/> (also in the "code" extension).</summary>
    public static IResult Create(int status, string code, string detail, object? extra = null)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = code };
        if (extra is not null)
        {
            extensions["errors"] = extra;
        }

        return TypedResults.Problem(detail: detail, statusCode: status, title: code.Replace('-', ' '), type: TypeFor(code), extensions: extensions);
    }
}
