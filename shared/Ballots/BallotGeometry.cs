namespace HybridVote.Ballots;

/// <summary>Sizes of the A4 ballot in points. Nothing is smaller than 9 pt; boxes fit a pen.</summary>
internal static class BallotGeometry
{
    public const float PageWidth = 595.28f;
    public const float PageHeight = 841.89f;

    /// <summary>Inside every home printer's printable area (12.7 mm).</summary>
    public const float Margin = 36f;

    public const int Columns = 3;
    public const float ColumnGap = 12f;
    public const float BlockGap = 10f;
    public const float BlockPadding = 4f;
    public const float HeadingSize = 11f;
    public const float TextSize = 9.5f;
    public const float LineFactor = 1.3f;
    public const float VoteBox = 11f;
    public const float KCodeCell = 24f;
    public const float KCodeCellHeight = 30f;
    public const float FooterHeight = 70f;

    /// <summary>The printable area every element must stay in.</summary>
    public static Rect Printable => new(Margin, Margin, PageWidth - (2 * Margin), PageHeight - (2 * Margin));

    /// <summary>Width of one column.</summary>
    public static float ColumnWidth => (Printable.Width - ((Columns - 1) * ColumnGap)) / Columns;
}
