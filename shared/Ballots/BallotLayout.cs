namespace HybridVote.Ballots;

/// <summary>Where one list block goes: sheet, column, top, height (points).</summary>
public sealed record PlacedBlock(int ListNumber, int Sheet, int Column, float Top, float Height);

/// <summary>The outcome of laying out a ballot: placed blocks, the sheet count, and lists that cannot fit.</summary>
public sealed record LayoutResult(IReadOnlyList<PlacedBlock> Blocks, int Sheets, IReadOnlyList<int> TooTall);

/// <summary>
/// Packs list blocks into columns and sheets in list-number order; a list is never split across
/// two sheets or columns (TR003). Pure: sizes in, positions out.
/// </summary>
public static class BallotLayout
{
    /// <summary>Lays out blocks of the given heights (in list order) into columns of <paramref name="columnHeight"/>.</summary>
    public static LayoutResult Pack(IReadOnlyList<(int ListNumber, float Height)> blocks, int columnsPerSheet, float columnHeight, float gap)
    {
        var placed = new List<PlacedBlock>();
        var tooTall = new List<int>();
        int sheet = 1, column = 0;
        float top = 0;
        foreach (var (number, height) in blocks)
        {
            if (height > columnHeight)
            {
                tooTall.Add(number);
                continue;
            }

            if (top > 0 && top + height > columnHeight)
            {
                column++;
                top = 0;
                if (column == columnsPerSheet)
                {
                    sheet++;
                    column = 0;
                }
            }

            placed.Add(new PlacedBlock(number, sheet, column, top, height));
            top += height + gap;
        }

        return new LayoutResult(placed, placed.Count == 0 ? 1 : placed.Max(p => p.Sheet), tooTall);
    }
}
