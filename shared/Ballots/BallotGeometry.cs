namespace HybridVote.Ballots;

/// <summary>Sizes of the A4 ballot in points. Type is never below 9 pt; boxes fit a pen.</summary>
internal static class BallotGeometry
{
    public const float PageWidth = 595.28f;
    public const float PageHeight = 841.89f;

    /// <summary>Inside every home printer's printable area (12.7 mm).</summary>
    public const float Margin = 36f;

    public const int Columns = 3;
    public const float ColumnGap = 9f;
    public const float BlockGap = 10f;
    public const float BlockPadding = 3f;
    public const float LineFactor = 1.25f;

    /// <summary>The candidates' type sizes the layout tries, largest first; 9 pt is the floor (TR003).</summary>
    public static readonly float[] TextSizes = [10f, 9.5f, 9f];

    /// <summary>The smallest type anywhere on a ballot.</summary>
    public const float MinimumTextSize = 9f;

    public const float VoteBox = 9f;
    public const float KCodeCell = 24f;
    public const float KCodeCellHeight = 30f;
    public const float FooterHeight = 62f;

    /// <summary>Fold marks in the left margin: the sheet folds in three to fit the inner envelope.</summary>
    public const float FoldMarkLength = 10f;

    /// <summary>The printable area every element must stay in.</summary>
    public static Rect Printable => new(Margin, Margin, PageWidth - (2 * Margin), PageHeight - (2 * Margin));

    /// <summary>Width of one column.</summary>
    public static float ColumnWidth => (Printable.Width - ((Columns - 1) * ColumnGap)) / Columns;

    /// <summary>Width of a block spanning <paramref name="span"/> adjacent columns.</summary>
    public static float SpanWidth(int span) => (span * ColumnWidth) + ((span - 1) * ColumnGap);

    /// <summary>Left edge of column <paramref name="column"/> (0-based).</summary>
    public static float ColumnX(int column) => Margin + (column * (ColumnWidth + ColumnGap));
}
