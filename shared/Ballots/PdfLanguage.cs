using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace HybridVote.Ballots;

/// <summary>
/// Sets the document language (<c>/Lang</c> in the catalog) that SkiaSharp's PDF backend cannot
/// write, by a standard PDF incremental update: the catalog is written again with /Lang and a new
/// cross-reference section points to it; nothing before it moves.
/// </summary>
internal static partial class PdfLanguage
{
    public static byte[] Set(byte[] pdf, string language)
    {
        string text = Encoding.Latin1.GetString(pdf);
        var trailer = Trailer().Match(text, Math.Max(0, text.Length - 2048));
        var startXref = StartXref().Match(text, Math.Max(0, text.Length - 64));
        if (!trailer.Success || !startXref.Success)
        {
            throw new InvalidOperationException("unexpected PDF trailer");
        }

        string root = trailer.Groups["root"].Value;
        var catalog = new Regex($@"(?<=\n){root} 0 obj\n<<(?<body>.*?)>>\nendobj", RegexOptions.Singleline).Match(text);
        if (!catalog.Success)
        {
            throw new InvalidOperationException("PDF catalog not found");
        }

        var update = new StringBuilder();
        int objectOffset = pdf.Length + 1;
        update.Append('\n').Append(root).Append(" 0 obj\n<<").Append(catalog.Groups["body"].Value).Append("\n/Lang (").Append(language).Append(")>>\nendobj\n");
        int xrefOffset = pdf.Length + update.Length;
        update.Append("xref\n").Append(root).Append(" 1\n").Append(objectOffset.ToString("D10", CultureInfo.InvariantCulture)).Append(" 00000 n \n")
            .Append("trailer\n<</Size ").Append(trailer.Groups["size"].Value).Append("\n/Root ").Append(root).Append(" 0 R\n/Info ")
            .Append(trailer.Groups["info"].Value).Append(" 0 R\n/Prev ").Append(startXref.Groups["offset"].Value).Append(">>\nstartxref\n")
            .Append(xrefOffset.ToString(CultureInfo.InvariantCulture)).Append("\n%%EOF\n");
        return [.. pdf, .. Encoding.Latin1.GetBytes(update.ToString())];
    }

    [GeneratedRegex(@"trailer\s*<<\s*/Size (?<size>\d+)\s*/Root (?<root>\d+) 0 R\s*/Info (?<info>\d+) 0 R\s*>>")]
    private static partial Regex Trailer();

    [GeneratedRegex(@"startxref\s+(?<offset>\d+)\s+%%EOF")]
    private static partial Regex StartXref();
}
