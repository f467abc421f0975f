using SkiaSharp;

namespace HybridVote.Ballots;

/// <summary>Drawing helpers over SkiaSharp's PDF backend: embedded fonts, wrapped text, boxes.</summary>
internal static class PdfCanvas
{
    public const float PageWidth = 595.28f;   // A4 in points
    public const float PageHeight = 841.89f;
    public const float Margin = 36f;          // inside every home printer's printable area

    public static readonly SKTypeface Regular = Load("DejaVuSans-Latin.ttf");
    public static readonly SKTypeface Bold = Load("DejaVuSans-Bold-Latin.ttf");
    public static readonly SKTypeface Mono = Load("DejaVuSansMono-Bold-Latin.ttf");

    public static readonly SKPaint Ink = new() { Color = SKColors.Black, IsAntialias = true };
    public static readonly SKPaint Line = new() { Color = SKColors.Black, IsStroke = true, StrokeWidth = 1f, IsAntialias = true };

    public static SKDocument Create(Stream output, string title, string language) =>
        SKDocument.CreatePdf(output, new SKDocumentPdfMetadata
        {
            Title = title,
            Creator = "HybridVote",
            Producer = "HybridVote (SkiaSharp)",
            Subject = language,
            RasterDpi = 300,
        });

    public static SKFont Font(SKTypeface face, float size) => new(face, size) { Subpixel = true };

    /// <summary>Draws text wrapped to <paramref name="width"/>; returns the height used.</summary>
    public static float Wrapped(SKCanvas canvas, string text, float x, float y, float width, SKFont font)
    {
        var lines = Wrap(text, width, font);
        float lineHeight = font.Size * 1.3f;
        for (int i = 0; i < lines.Count; i++)
        {
            canvas.DrawText(lines[i], x, y + font.Size + (i * lineHeight), SKTextAlign.Left, font, Ink);
        }

        return lines.Count * lineHeight;
    }

    /// <summary>The lines <paramref name="text"/> wraps into at <paramref name="width"/>.</summary>
    public static List<string> Wrap(string text, float width, SKFont font)
    {
        var lines = new List<string>();
        var current = string.Empty;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = current.Length == 0 ? word : current + " " + word;
            if (font.MeasureText(candidate) <= width || current.Length == 0)
            {
                current = candidate;
            }
            else
            {
                lines.Add(current);
                current = word;
            }
        }

        if (current.Length > 0 || lines.Count == 0)
        {
            lines.Add(current);
        }

        return lines;
    }

    private static SKTypeface Load(string file)
    {
        using var stream = typeof(PdfCanvas).Assembly.GetManifestResourceStream("HybridVote.Ballots.Fonts." + file)
            ?? throw new InvalidOperationException($"font {file} is not embedded");
        using var data = SKData.Create(stream);
        return SKTypeface.FromData(data) ?? throw new InvalidOperationException($"font {file} cannot be read");
    }
}
