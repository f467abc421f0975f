using System.Globalization;
using HybridVote.Domain;
using static HybridVote.Ballots.BallotGeometry;

namespace HybridVote.Ballots;

/// <summary>
/// Lays out a blank ballot (TR003) without drawing. Lists come in list-number order and read left
/// to right: down a column, then the next column, then the next sheet. Each list is one block (its
/// number and name, the head-of-list box, the effective candidates, then the substitutes) and
/// <b>a list is never split</b> across columns or sheets. Short lists share a column; a list taller
/// than a column spans two columns with its candidates in two sub-columns, and only then the full
/// width of a sheet. The type size is the largest of <see cref="TextSizes"/> that needs the fewest
/// sheets, never below 9 pt. A list that fits nowhere is reported in
/// <see cref="BallotLayoutResult.Problems"/>, never drawn in part.
/// </summary>
internal static class BallotLayoutEngine
{
    private sealed record Block(float Height, List<PlacedText> Texts, List<Rect> Boxes);

    private sealed record Item(int ListNumber, Block Block, int Span);

    private sealed record Placed(int Sheet, Item Item, int Column, float Y);

    /// <summary>Lays out the ballot.</summary>
    public static BallotLayoutResult Layout(BallotView view, ITextMeasure measure)
    {
        BallotLayoutResult? best = null;
        foreach (float size in TextSizes)
        {
            var result = LayoutAt(view, measure, size);
            bool better = best is null
                || (result.Complete && !best.Complete)
                || (result.Complete == best.Complete && result.Problems.Count < best.Problems.Count)
                || (result.Complete && best.Complete && result.Sheets.Count < best.Sheets.Count);
            best = better ? result : best!;
            if (best.Complete && best.Sheets.Count == 1)
            {
                break;
            }
        }

        return best!;
    }

    private static BallotLayoutResult LayoutAt(BallotView view, ITextMeasure measure, float size)
    {
        var writer = new BlockWriter(measure, size);
        float top = Margin + Header(view, writer, 1, 2).Height + 8;
        float columnHeight = PageHeight - Margin - FooterHeight - top;
        var items = new List<Item>();
        var problems = new List<ListTooLong>();
        foreach (var list in view.Lists.OrderBy(l => l.Number))
        {
            Item? item = null;
            Block? widest = null;
            for (int span = 1; span <= Columns && item is null; span++)
            {
                widest = BuildBlock(list, view.Languages, writer, span);
                item = widest.Height <= columnHeight ? new Item(list.Number, widest, span) : null;
            }

            if (item is null)
            {
                problems.Add(new ListTooLong(list.Number, list.Effective.Count + list.Substitutes.Count, widest!.Height, columnHeight));
            }
            else
            {
                items.Add(item);
            }
        }

        var placed = new List<Placed>();
        foreach (var (stacks, i) in Sheets(items, columnHeight).Select((stacks, i) => (stacks, i)))
        {
            placed.AddRange(Place(stacks, i + 1, columnHeight));
        }

        int sheets = placed.Count == 0 ? 1 : placed.Max(p => p.Sheet);
        var result = new List<BallotSheet>();
        for (int s = 1; s <= sheets; s++)
        {
            var texts = new List<PlacedText>(Header(view, writer, s, sheets).Texts);
            var boxes = new List<Rect>();
            var blocks = new List<ListBlock>();
            foreach (var p in placed.Where(p => p.Sheet == s))
            {
                float x = ColumnX(p.Column), y = top + p.Y;
                texts.AddRange(p.Item.Block.Texts.Select(t => t with { X = t.X + x, Baseline = t.Baseline + y }));
                boxes.AddRange(p.Item.Block.Boxes.Select(b => b with { X = b.X + x, Y = b.Y + y }));
                blocks.Add(new ListBlock(p.Item.ListNumber, new Rect(x, y, SpanWidth(p.Item.Span), p.Item.Block.Height)));
            }

            Footer(view.Languages, sheets, writer, texts, boxes);
            result.Add(new BallotSheet(s, texts, boxes, blocks));
        }

        return new BallotLayoutResult(result, problems, size);
    }

    // Fills sheets in order: a list goes below the previous one while it fits and spans as many
    // columns, else in the next free column(s) to the right, else on the next sheet. Each sheet is
    // its groups of columns, each a stack of lists of one span.
    private static List<List<List<Item>>> Sheets(List<Item> items, float columnHeight)
    {
        var sheets = new List<List<List<Item>>>();
        int columnsUsed = Columns;
        float y = 0;
        foreach (var item in items)
        {
            var stack = sheets.Count == 0 ? null : sheets[^1][^1];
            if (stack is not null && stack[0].Span == item.Span && y + BlockGap + item.Block.Height <= columnHeight)
            {
                stack.Add(item);
                y += BlockGap + item.Block.Height;
                continue;
            }

            if (columnsUsed + item.Span > Columns)
            {
                sheets.Add([]);
                columnsUsed = 0;
            }

            sheets[^1].Add([item]);
            columnsUsed += item.Span;
            y = item.Block.Height;
        }

        return sheets;
    }

    // Places one sheet's groups of columns. When every list on it is one column wide, the lists are
    // shared out over the three columns so that the tallest column is as short as it can be, order kept.
    private static IEnumerable<Placed> Place(List<List<Item>> stacks, int sheet, float columnHeight)
    {
        var items = stacks.SelectMany(g => g).ToList();
        var groups = items.All(i => i.Span == 1) ? Balanced(items, columnHeight) : stacks;
        int column = 0;
        foreach (var group in groups)
        {
            float y = 0;
            foreach (var item in group)
            {
                yield return new Placed(sheet, item, column, y);
                y += item.Block.Height + BlockGap;
            }

            column += group[0].Span;
        }
    }

    // The split of the lists, in order, into at most three columns with the shortest tallest column.
    private static List<List<Item>> Balanced(List<Item> items, float columnHeight)
    {
        int n = items.Count, k = Math.Min(Columns, n);
        float Height(int from, int to) => items.Skip(from).Take(to - from).Sum(i => i.Block.Height) + ((to - from - 1) * BlockGap);

        // best[c, i]: the smallest tallest column placing the first i lists in c columns.
        var best = new float[k + 1, n + 1];
        var cut = new int[k + 1, n + 1];
        for (int i = 0; i <= n; i++)
        {
            best[0, i] = i == 0 ? 0 : float.PositiveInfinity;
        }

        for (int c = 1; c <= k; c++)
        {
            for (int i = 0; i <= n; i++)
            {
                best[c, i] = best[c - 1, i];
                cut[c, i] = i;
                for (int j = 0; j < i; j++)
                {
                    float tallest = Math.Max(best[c - 1, j], Height(j, i));
                    if (Height(j, i) <= columnHeight && tallest < best[c, i])
                    {
                        (best[c, i], cut[c, i]) = (tallest, j);
                    }
                }
            }
        }

        var groups = new List<List<Item>>();
        for (int c = k, i = n; c > 0 && i > 0; c--)
        {
            int j = cut[c, i];
            if (j < i)
            {
                groups.Insert(0, items.GetRange(j, i - j));
            }

            i = j;
        }

        return groups;
    }

    private static Block Header(BallotView view, BlockWriter w, int sheet, int sheets)
    {
        var texts = new List<PlacedText>();
        float width = Printable.Width;
        float y = Margin;
        string sheetText = BallotText.Format("sheet", view.Languages, sheet, sheets);
        float sheetWidth = w.Measure.Width(sheetText, FontKind.CondensedBold, 10);
        y += w.Lines(texts, $"{BallotText.Get("ballot", view.Languages)} – {view.ElectionName}", Margin, y, width - sheetWidth - 12, 14, FontKind.CondensedBold);
        texts.Add(new PlacedText(sheetText, Margin + width, Margin + 10, 10, FontKind.CondensedBold, AlignRight: true));
        string contestLine = $"{view.ContestName} – {view.ElectionDate.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}";
        y += w.Lines(texts, contestLine, Margin, y, width, 10, FontKind.Condensed) + 2;
        y += w.Lines(texts, BallotText.Get("how", view.Languages), Margin, y, width, MinimumTextSize, FontKind.Condensed);
        y += w.Lines(texts, BallotText.Get("one-side", view.Languages), Margin, y, width, MinimumTextSize, FontKind.Condensed);
        if (sheets > 1)
        {
            // The multi-sheet rule (docs/ballots.md): post only the sheet voted on, K-code written on it.
            y += w.Lines(texts, BallotText.Format("sheets-rule", view.Languages, sheets), Margin, y, width, MinimumTextSize, FontKind.CondensedBold);
        }

        return new Block(y - Margin, texts, []);
    }

    private static void Footer(IReadOnlyList<Language> languages, int sheets, BlockWriter w, List<PlacedText> texts, List<Rect> boxes)
    {
        float top = PageHeight - Margin - FooterHeight;
        float used = w.Lines(texts, BallotText.Get(sheets > 1 ? "kcode-sheets" : "kcode", languages), Margin, top + 2, Printable.Width, MinimumTextSize, FontKind.CondensedBold);
        float x = Margin;
        float cellTop = Math.Max(top + used + 4, PageHeight - Margin - KCodeCellHeight);
        for (int i = 0; i < KCode.Length; i++)
        {
            x += i > 0 && i % 4 == 0 ? KCodeCell / 2 : 0;
            boxes.Add(new Rect(x, cellTop, KCodeCell, KCodeCellHeight));
            x += KCodeCell;
        }
    }

    private static Block BuildBlock(CandidateListDefinition list, IReadOnlyList<Language> languages, BlockWriter w, int span)
    {
        var texts = new List<PlacedText>();
        var boxes = new List<Rect> { default };
        float width = SpanWidth(span);
        float inner = width - (2 * BlockPadding);
        float y = BlockPadding;
        y += w.Lines(texts, $"{list.Number}. {list.Name}", BlockPadding, y, inner, w.Size + 1.5f, FontKind.CondensedBold);
        y += w.Entry(texts, boxes, null, 0, BallotText.Get("head", languages), BlockPadding, y, inner, null, FontKind.CondensedBold) + 1;

        var entries = new List<Action<float, float>>();
        var heights = new List<float>();
        float subWidth = (inner - ((span - 1) * ColumnGap)) / span;

        // The candidate's number hangs in a gutter as wide as the list's largest number, so a
        // wrapped name stays aligned and its first word never leaves the number alone on a line.
        int largest = Math.Max(list.Effective.Count, list.Substitutes.Count);
        float gutter = w.Measure.Width($"{largest}. ", FontKind.Condensed, w.Size);
        void AddEntry(int position, string name, CandidateRef candidate)
        {
            heights.Add(w.Entry(null, null, $"{position}.", gutter, name, 0, 0, subWidth, candidate));
            entries.Add((x, top) => w.Entry(texts, boxes, $"{position}.", gutter, name, x, top, subWidth, candidate));
        }

        for (int i = 0; i < list.Effective.Count; i++)
        {
            AddEntry(i + 1, list.Effective[i], new CandidateRef(list.Number, false, i + 1));
        }

        if (list.Substitutes.Count > 0)
        {
            string heading = BallotText.Get("substitutes", languages);
            heights.Add(w.Lines(null, heading, 0, 0, subWidth, w.Size, FontKind.CondensedBold) + 3);
            entries.Add((x, top) => w.Lines(texts, heading, x, top + 3, subWidth, w.Size, FontKind.CondensedBold));
            for (int i = 0; i < list.Substitutes.Count; i++)
            {
                AddEntry(i + 1, list.Substitutes[i], new CandidateRef(list.Number, true, i + 1));
            }
        }

        float tallest = FlowEntries(entries, heights, span, subWidth, BlockPadding, y);
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

    /// <summary>Writes wrapped lines and vote-box entries (or, with null lists, only measures them) at one type size.</summary>
    private sealed class BlockWriter(ITextMeasure measure, float size)
    {
        public ITextMeasure Measure => measure;

        public float Size => size;

        public float Lines(List<PlacedText>? texts, string text, float x, float y, float width, float textSize, FontKind font, CandidateRef? candidate = null)
        {
            var lines = TextWrap.Lines(text, width, textSize, font, measure);
            for (int i = 0; i < lines.Count; i++)
            {
                texts?.Add(new PlacedText(lines[i], x, y + textSize + (i * textSize * LineFactor), textSize, font, candidate));
            }

            return lines.Count * textSize * LineFactor;
        }

        public float Entry(List<PlacedText>? texts, List<Rect>? boxes, string? number, float gutter, string text, float x, float y, float width, CandidateRef? candidate, FontKind font = FontKind.Condensed)
        {
            boxes?.Add(new Rect(x, y + 1f, VoteBox, VoteBox));
            float left = x + VoteBox + 4;
            if (number is not null)
            {
                texts?.Add(new PlacedText(number, left, y + size, size, font, candidate));
            }

            float used = Lines(texts, text, left + gutter, y, width - VoteBox - 4 - gutter, size, font, candidate);
            return Math.Max(used, VoteBox + 2) + 1f;
        }
    }
}
