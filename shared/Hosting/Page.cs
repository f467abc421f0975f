using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using HybridVote.Domain;
using Microsoft.AspNetCore.Http;

namespace HybridVote.Hosting;

/// <summary>
/// The shared layout of the server-rendered voter pages: work without JavaScript, large targets,
/// one column, language switch (FR004, TR006).
/// </summary>
public static class Page
{
    // Letters with diacritics stay readable in the page source; markup characters are encoded.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>Encodes text for HTML.</summary>
    public static string E(string text) => Encoder.Encode(text);

    /// <summary>A complete HTML page around <paramref name="body"/> (already encoded).</summary>
    public static IResult Render(Language language, string title, string body, bool loggedIn = false, int status = 200)
    {
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"").Append(language.Code()).Append("\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(E(title)).Append(" – ").Append(E(VoterText.Get("app", language))).Append("</title>")
            .Append("<link rel=\"stylesheet\" href=\"/auth/site.css\"></head><body>")
            .Append("<header><p class=\"app\"><a href=\"/\">").Append(E(VoterText.Get("app", language))).Append("</a></p>")
            .Append("<nav aria-label=\"").Append(E(VoterText.Get("language", language))).Append("\"><ul class=\"langs\">");
        foreach (var l in Enum.GetValues<Language>())
        {
            html.Append("<li><a href=\"/auth/lang/").Append(l.Code()).Append("\" lang=\"").Append(l.Code()).Append('"')
                .Append(l == language ? " aria-current=\"true\"" : string.Empty).Append('>').Append(l.Code().ToUpperInvariant()).Append("</a></li>");
        }

        html.Append("</ul></nav>");
        if (loggedIn)
        {
            html.Append("<form method=\"post\" action=\"/auth/logout\"><button class=\"secondary\">").Append(E(VoterText.Get("logout", language))).Append("</button></form>");
        }

        html.Append("</header><main><h1>").Append(E(title)).Append("</h1>").Append(body).Append("</main></body></html>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8", Encoding.UTF8, status);
    }
}
