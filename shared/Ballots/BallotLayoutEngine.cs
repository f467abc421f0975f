using System.Globalization;
using HybridVote.Domain;
using static HybridVote.Ballots.BallotGeometry;

namespace HybridVote.Ballots;

/// <summary>
/// Lays out a blank ballot (TR003) without drawing: lists in list-number order, each a block with
/// its number and name, the head-of-list box, the effective candidates and then the substitutes;
/// blocks packed into columns over as many one-sided sheets as needed; <b>a list is never split
/// across sheets or columns</b>. A list taller than a column gets a sheet of its own with its
/// candidates in several sub-columns (the documented fallback); a list that does not fit even
/// then is reported in <see cref="BallotLayoutResult.Problems"/>, never drawn in part.
/// </summary>
internal static class BallotLayoutEngine
{
    private sealed record Block(float Height, List<PlacedText> Texts, List<Rect> Boxes);

    /// <summary>Lays out the ballot.</summary>
    public static BallotLayoutResult Layout(BallotView view, ITextMeasure measure)
    {
        var writer = new BlockWriter(measure);
        float headerHeight = Header(view, writer, 1, 1).Height;
        float top = Margin + headerHeight + 8;
        float columnHeight = PageHeight - Margin - FooterHeight - top;
        var placed = new List<(int Sheet, int ListNumber, Block Block, float X, float Y)>();
        var problems = new List<ListTooLong>();
        int sheet = 1, column = 0;
        float y = 0;
        foreach (var list in view.Lists.OrderBy(l => l.Number))
        {
            var block = BuildBlock(list, view.Languages, writer, ColumnWidth, 1);
            if (block.Height <= columnHeight)
            {
                if (y > 0 && y + block.Height > columnHeight)
                {
                    (column, y) = (column + 1, 0);
                    if (column == Columns)
                    {
                        (sheet, column) = (sheet + 1, 0);
                    }
                }

                placed.Add((sheet, list.Number, block, Margin + (column * (ColumnWidth + ColumnGap)), top + y));
                y += block.Height + BlockGap;
                continue;
            }

            var wide = BuildBlock(list, view.Languages, writer, Printable.Width, Columns);
            if (wide.Height > columnHeight)
            {
                problems.Add(new ListTooLong(list.Number, list.Effective.Count + list.Substitutes.Count, wide.Height, columnHeight));
                continue;
            }

            if (column > 0 || y > 0)
            {
                sheet++;
            }

            placed.Add((sheet, list.Number, wide, Margin, top));
            (sheet, column, y) = (sheet + 1, 0, 0);
        }

        int sheets = placed.Count == 0 ? 1 : placed.Max(p => p.Sheet);
        var result = new List<BallotSheet>();
        for (int s = 1; s <= sheets; s++)
        {
            var header = Header(view, writer, s, sheets);
            var texts = new List<PlacedText>(header.Texts);
            var boxes = new List<Rect>();
            var blocks = new List<ListBlock>();
            foreach (var p in placed.Where(p => p.Sheet == s))
            {
                texts.AddRange(p.Block.Texts.Select(t => t with { X = t.X + p.X, Baseline = t.Baseline + p.Y }));
                boxes.AddRange(p.Block.Boxes.Select(b => b with { X = b.X + p.X, Y = b.Y + p.Y }));
                blocks.Add(new ListBlock(p.ListNumber, new Rect(p.X, p.Y, p.Block.Boxes[0].Width, p.Block.Height)));
            }

            Footer(view.Languages, writer, texts, boxes);
            result.Add(new BallotSheet(s, texts, boxes, blocks));
        }

        return new BallotLayoutResult(result, problems);
    }

    private static Block Header(BallotView view, BlockWriter w, int sheet, int sheets)
    {
        var texts = new List<PlacedText>();
        float width = Printable.Width;
        float y = Margin;
        y += w.Lines(texts, $"{BallotText.Get("ballot", view.Languages)} – {view.ElectionName}", Margin, y, width, 14, FontKind.Bold);
        string sheetText = BallotText.Format("sheet", view.Languages, sheet, sheets);
        float sheetWidth = w.Measure.Width(sheetText, FontKind.Bold, 10);
        texts.Add(new PlacedText(sheetText, Margin + width, y + 10, 10, FontKind.Bold, AlignRight: true));
        string contestLine = $"{view.ContestName} – {view.ElectionDate.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}";
        y += w.Lines(texts, contestLine, Margin, y, width - sheetWidth - 12, 10, FontKind.Regular) + 2;
        y += w.Lines(texts, BallotText.Get("how", view.Languages), Margin, y, width, TextSize, FontKind.Regular);
        y += w.Lines(texts, BallotText.Get("one-side", view.Languages), Margin, y, width, TextSize, FontKind.Regular);
        return new Block(y - Margin, texts, []);
    }

    private static void Footer(IReadOnlyList<Language> languages, BlockWriter w, List<PlacedText> texts, List<Rect> boxes)
    {
        float top = PageHeight - Margin - FooterHeight;
        float used = w.Lines(texts, BallotText.Get("kcode", languages), Margin, top + 4, Printable.Width, 10, FontKind.Bold);
        float x = Margin;
        float cellTop = Math.Max(top + used + 6, PageHeight - Margin - KCodeCellHeight);
        for (int i = 0; i < KCode.Length; i++)
        {
            x += i > 0 && i % 4 == 0 ? KCodeCell / 2 : 0;
            boxes.Add(new Rect(x, cellTop, KCodeCell, KCodeCellHeight));
            x += KCodeCell;
        }
    }

    private static Block BuildBlock(CandidateListDefinition list, IReadOnlyList<Language> languages, BlockWriter w, float width, int subColumns)
    {
        var texts = new List<PlacedText>();
        var boxes = new List<Rect> { default };
        float inner = width - (2 * BlockPadding);
        float y = BlockPadding;
        y += w.Lines(texts, $"{list.Number}. {list.Name}", BlockPadding, y, inner, HeadingSize, FontKind.Bold);
        y += w.Entry(texts, boxes, BallotText.Get("head", languages), BlockPadding, y, inner, FontKind.Bold, null) + 2;

        var entries = new List<Action<float, float>>();
        var heights = new List<float>();
        float subWidth = (inner - ((subColumns - 1) * ColumnGap)) / subColumns;
        void AddEntry(string text, CandidateRef? candidate)
        {
            heights.Add(w.Entry(null, null, text, 0, 0, subWidth, FontKind.Regular, candidate));
            entries.Add((x, top) => w.Entry(texts, boxes, text, x, top, subWidth, FontKind.Regular, candidate));
        }

        for (int i = 0; i < list.Effective.Count; i++)
        {
            AddEntry($"{i + 1}. {list.Effective[i]}", new CandidateRef(list.Number, false, i + 1));
        }

        if (list.Substitutes.Count > 0)
        {
            string heading = BallotText.Get("substitutes", languages);
            heights.Add(w.Lines(null, heading, 0, 0, subWidth, TextSize, FontKind.Bold) + 4);
            entries.Add((x, top) => w.Lines(texts, heading, x, top + 4, subWidth, TextSize, FontKind.Bold));
            for (int i = 0; i < list.Substitutes.Count; i++)
            {
                AddEntry($"{i + 1}. {list.Substitutes[i]}", new CandidateRef(list.Number, true, i + 1));
            }
        }

        float tallest = FlowEntries(entries, heights, subColumns, subWidth, BlockPadding, y);
        float height = y + tallest + BlockPadding;
        boxes[0] = new Rect(0, 0, width, height);
        return new Block(height, texts, boxes);
    }

    // Fills sub-columns one after the other, each up to an even share of the total height.
    private static float FlowEntries(List<Action<float, float>> entries, List<float> heights, int subColumns, float subWidth, float left, float top)
    {
        float share = heights.Sum() / subColumns;
        int column = 0;
        float y = 0, tallest = 0;
        for (int i = 0; i < entries.Count; i++)
        {
            if (y > 0 && y + heights[i] > share + 0.5f && column < subColumns - 1)
            {
                (column, y) = (column + 1, 0);
            }

            entries[i](left + (column * (subWidth + ColumnGap)), top + y);
            y += heights[i];
            tallest = Math.Max(tallest, y);
        }

        return tallest;
    }

    /// <summary>Writes wrapped lines and vote-box entries (or, with null lists, only measures them).</summary>
    private sealed class BlockWriter(ITextMeasure measure)
    {
        public ITextMeasure Measure => measure;

        public float Lines(List<PlacedText>? texts, string text, float x, float y, float width, float size, FontKind font, CandidateRef? candidate = null)
        {
            var lines = TextWrap.Lines(text, width, size, font, measure);
            for (int i = 0; i < lines.Count; i++)
            {
                texts?.Add(new PlacedText(lines[i], x, y + size + (i * size * LineFactor), size, font, candidate));
            }

            return lines.Count * size * LineFactor;
        }

        public float Entry(List<PlacedText>? texts, List<Rect>? boxes, string text, float x, float y, float width, FontKind font, CandidateRef? candidate)
        {
            boxes?.Add(new Rect(x, y + 1.5f, VoteBox, VoteBox));
            float used = Lines(texts, text, x + VoteBox + 5, y, width - VoteBox - 5, TextSize, font, candidate);
            return Math.Max(used, VoteBox + 3) + 2;
        }
    }
}
