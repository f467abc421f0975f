namespace HybridVote.Ballots;

/// <summary>The faces of the embedded font.</summary>
internal enum FontKind
{
    /// <summary>DejaVu Sans.</summary>
    Regular,

    /// <summary>DejaVu Sans Bold.</summary>
    Bold,

    /// <summary>DejaVu Sans Condensed: the ballot, where names must fit a column.</summary>
    Condensed,

    /// <summary>DejaVu Sans Condensed Bold.</summary>
    CondensedBold,
}

/// <summary>A rectangle in points, origin at the top left of the sheet.</summary>
public readonly record struct Rect(float X, float Y, float Width, float Height)
{
    /// <summary>Right edge.</summary>
    public float Right => X + Width;

    /// <summary>Bottom edge.</summary>
    public float Bottom => Y + Height;

    /// <summary>True when the two rectangles share an area.</summary>
    public bool Overlaps(Rect other) => X < other.Right && other.X < Right && Y < other.Bottom && other.Y < Bottom;

    /// <summary>True when this rectangle lies inside <paramref name="outer"/>.</summary>
    public bool IsInside(Rect outer) => X >= outer.X && Y >= outer.Y && Right <= outer.Right + 0.01f && Bottom <= outer.Bottom + 0.01f;
}

/// <summary>Which candidate a line of text names: list, effective or substitute, position.</summary>
internal sealed record CandidateRef(int ListNumber, bool Substitute, int Position);

/// <summary>One line of text at a baseline position.</summary>
internal sealed record PlacedText(string Text, float X, float Baseline, float Size, FontKind Font, CandidateRef? Candidate = null, bool AlignRight = false);

/// <summary>A list's block on a sheet.</summary>
internal sealed record ListBlock(int ListNumber, Rect Bounds);

/// <summary>One A4 sheet, printed on one side: texts, boxes (vote boxes, K-code cells, frames) and list blocks.</summary>
internal sealed record BallotSheet(int Number, IReadOnlyList<PlacedText> Texts, IReadOnlyList<Rect> Boxes, IReadOnlyList<ListBlock> Blocks);

/// <summary>A list that cannot be printed on one sheet even across the full width (never split, TR003).</summary>
public sealed record ListTooLong(int ListNumber, int Candidates, float NeededHeight, float AvailableHeight);

/// <summary>The laid-out ballot: its sheets, the lists that could not be placed, and the candidates' type size.</summary>
internal sealed record BallotLayoutResult(IReadOnlyList<BallotSheet> Sheets, IReadOnlyList<ListTooLong> Problems, float TextSize)
{
    /// <summary>True when every list was placed.</summary>
    public bool Complete => Problems.Count == 0;
}

/// <summary>Measures text; the Skia implementation uses the embedded font.</summary>
internal interface ITextMeasure
{
    /// <summary>Advance width of <paramref name="text"/> in points.</summary>
    float Width(string text, FontKind font, float size);
}
