using System.Collections.Concurrent;
using SkiaSharp;

namespace HybridVote.Ballots;

/// <summary>Measures text with the embedded DejaVu faces, exactly as the PDF draws it.</summary>
internal sealed class SkiaTextMeasure : ITextMeasure
{
    /// <summary>The shared instance (fonts are immutable and thread-safe to measure with per-call objects).</summary>
    public static readonly SkiaTextMeasure Instance = new();

    private readonly ConcurrentDictionary<(FontKind, float), ThreadLocal<SKFont>> fonts = new();

    /// <inheritdoc />
    public float Width(string text, FontKind font, float size) =>
        fonts.GetOrAdd((font, size), key => new ThreadLocal<SKFont>(() => PdfCanvas.Font(key.Item1, key.Item2))).Value!.MeasureText(text);
}
