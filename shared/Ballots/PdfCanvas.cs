using SkiaSharp;

namespace HybridVote.Ballots;

/// <summary>Drawing helpers over SkiaSharp's PDF backend: embedded fonts, placed text, boxes.</summary>
internal static class PdfCanvas
{
    private static readonly SKTypeface Regular = Load("DejaVuSans-Latin.ttf");
    private static readonly SKTypeface Bold = Load("DejaVuSans-Bold-Latin.ttf");
    private static readonly SKTypeface Condensed = Load("DejaVuSansCondensed-Latin.ttf");
    private static readonly SKTypeface CondensedBold = Load("DejaVuSansCondensed-Bold-Latin.ttf");

    public static SKPaint Ink() => new() { Color = SKColors.Black, IsAntialias = true };

    public static SKPaint Line(float width = 1f) => new() { Color = SKColors.Black, IsStroke = true, StrokeWidth = width, IsAntialias = true };

    /// <summary>A PDF document with its title; the language is set afterwards by <see cref="PdfLanguage"/>.</summary>
    public static SKDocument Create(Stream output, string title) =>
        SKDocument.CreatePdf(output, new SKDocumentPdfMetadata
        {
            Title = title,
            Subject = title,
            Creator = "HybridVote",
            Producer = "HybridVote (SkiaSharp)",
            RasterDpi = 300,
        });

    /// <summary>
    /// The face at a size. Unhinted linear advances: the glyph positions written to the PDF are then
    /// the font's own advances, so text extraction reads each word whole ("Van den Bossche", never
    /// "Va n den Bossche").
    /// </summary>
    public static SKFont Font(FontKind kind, float size) => new(kind switch
    {
        FontKind.Bold => Bold,
        FontKind.Condensed => Condensed,
        FontKind.CondensedBold => CondensedBold,
        _ => Regular,
    }, size) { Subpixel = true, LinearMetrics = true, Hinting = SKFontHinting.None };

    /// <summary>Draws placed text lines.</summary>
    public static void Draw(SKCanvas canvas, IEnumerable<PlacedText> texts)
    {
        using var ink = Ink();
        foreach (var t in texts)
        {
            using var font = Font(t.Font, t.Size);
            canvas.DrawText(t.Text, t.X, t.Baseline, t.AlignRight ? SKTextAlign.Right : SKTextAlign.Left, font, ink);
        }
    }

    /// <summary>Draws wrapped text at <paramref name="y"/> (top); returns the height used.</summary>
    public static float Wrapped(SKCanvas canvas, string text, float x, float y, float width, FontKind font, float size)
    {
        // Each line of the text (e.g. a voter's name, then the address) wraps on its own.
        var lines = text.Split('\n').SelectMany(part => TextWrap.Lines(part, width, size, font, SkiaTextMeasure.Instance)).ToList();
        Draw(canvas, lines.Select((line, i) => new PlacedText(line, x, y + size + (i * size * BallotGeometry.LineFactor), size, font)));
        return lines.Count * size * BallotGeometry.LineFactor;
    }

    /// <summary>A large grey diagonal mark across the page (proofs).</summary>
    public static void Watermark(SKCanvas canvas, string text)
    {
        using var paint = new SKPaint { Color = new SKColor(0, 0, 0, 60), IsAntialias = true };
        using var font = Font(FontKind.Bold, 40);
        canvas.Save();
        canvas.RotateDegrees(-35, BallotGeometry.PageWidth / 2, BallotGeometry.PageHeight / 2);
        canvas.DrawText(text, BallotGeometry.PageWidth / 2, BallotGeometry.PageHeight / 2, SKTextAlign.Center, font, paint);
        canvas.Restore();
    }

    private static SKTypeface Load(string file)
    {
        using var stream = typeof(PdfCanvas).Assembly.GetManifestResourceStream("HybridVote.Ballots.Fonts." + file)
            ?? throw new InvalidOperationException($"font {file} is not embedded");
        using var data = SKData.Create(stream);
        return SKTypeface.FromData(data) ?? throw new InvalidOperationException($"font {file} cannot be read");
    }
}
