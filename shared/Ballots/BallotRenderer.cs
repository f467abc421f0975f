using HybridVote.Domain;
using SkiaSharp;

namespace HybridVote.Ballots;

/// <summary>Renders the blank A4 ballot, printed on one side, as a PDF (BN001, TR003).</summary>
public static class BallotRenderer
{
    private const int Columns = 3;
    private const float Gap = 12f;
    private const float ColumnGap = 10f;
    private const float HeaderHeight = 64f;
    private const float FooterHeight = 78f;
    private const float BoxSize = 11f;
    private const float LineHeight = 14f;
    private static readonly float ColumnWidth = (PdfCanvas.PageWidth - (2 * PdfCanvas.Margin) - ((Columns - 1) * ColumnGap)) / Columns;
    private static readonly float ColumnHeight = PdfCanvas.PageHeight - (2 * PdfCanvas.Margin) - HeaderHeight - FooterHeight;

    /// <summary>Lays out the ballot without drawing (for tests and for the "too tall" outcome).</summary>
    public static LayoutResult Layout(BallotView view)
    {
        var blocks = view.Lists.OrderBy(l => l.Number).Select(l => (l.Number, DrawBlock(null, l, view.Language, 0, 0))).ToList();
        return BallotLayout.Pack(blocks, Columns, ColumnHeight, Gap);
    }

    /// <summary>The ballot as PDF bytes.</summary>
    public static byte[] Render(BallotView view)
    {
        var layout = Layout(view);
        if (layout.TooTall.Count > 0)
        {
            throw new InvalidOperationException($"lists {string.Join(", ", layout.TooTall)} are taller than a sheet column");
        }

        var lists = view.Lists.ToDictionary(l => l.Number);
        using var output = new MemoryStream();
        string title = $"{BallotText.Get("ballot", view.Language)} – {view.ElectionName} – {view.ContestName}";
        using (var document = PdfCanvas.Create(output, title, view.Language.Code()))
        {
            for (int sheet = 1; sheet <= layout.Sheets; sheet++)
            {
                var canvas = document.BeginPage(PdfCanvas.PageWidth, PdfCanvas.PageHeight);
                DrawHeader(canvas, view, sheet, layout.Sheets);
                foreach (var block in layout.Blocks.Where(b => b.Sheet == sheet))
                {
                    float x = PdfCanvas.Margin + (block.Column * (ColumnWidth + ColumnGap));
                    DrawBlock(canvas, lists[block.ListNumber], view.Language, x, PdfCanvas.Margin + HeaderHeight + block.Top);
                }

                DrawKCodeField(canvas, view.Language);
                document.EndPage();
            }

            document.Close();
        }

        return output.ToArray();
    }

    private static void DrawHeader(SKCanvas canvas, BallotView view, int sheet, int sheets)
    {
        using var title = PdfCanvas.Font(PdfCanvas.Bold, 14);
        using var text = PdfCanvas.Font(PdfCanvas.Regular, 10);
        float y = PdfCanvas.Margin;
        canvas.DrawText($"{BallotText.Get("ballot", view.Language)} – {view.ElectionName}", PdfCanvas.Margin, y + 14, SKTextAlign.Left, title, PdfCanvas.Ink);
        canvas.DrawText($"{view.ContestName} – {view.ElectionDate:dd/MM/yyyy}", PdfCanvas.Margin, y + 32, SKTextAlign.Left, text, PdfCanvas.Ink);
        canvas.DrawText(BallotText.Format("sheet", view.Language, sheet, sheets), PdfCanvas.PageWidth - PdfCanvas.Margin, y + 32, SKTextAlign.Right, text, PdfCanvas.Ink);
        PdfCanvas.Wrapped(canvas, BallotText.Get("how", view.Language), PdfCanvas.Margin, y + 36, PdfCanvas.PageWidth - (2 * PdfCanvas.Margin), text);
    }

    /// <summary>Draws (or, with a null canvas, measures) one list block; returns its height.</summary>
    private static float DrawBlock(SKCanvas? canvas, CandidateListDefinition list, Language language, float x, float top)
    {
        using var heading = PdfCanvas.Font(PdfCanvas.Bold, 11);
        using var text = PdfCanvas.Font(PdfCanvas.Regular, 9.5f);
        float y = top;
        y += Lines(canvas, $"{list.Number}. {list.Name}", x, y, ColumnWidth, heading);
        Box(canvas, x, y);
        y += Lines(canvas, BallotText.Get("head", language), x + BoxSize + 5, y, ColumnWidth - BoxSize - 5, text);
        for (int i = 0; i < list.Effective.Count; i++)
        {
            Box(canvas, x, y);
            y += Lines(canvas, $"{i + 1}. {list.Effective[i]}", x + BoxSize + 5, y, ColumnWidth - BoxSize - 5, text);
        }

        if (list.Substitutes.Count > 0)
        {
            y += Lines(canvas, BallotText.Get("substitutes", language), x, y + 3, ColumnWidth, heading) + 3;
            for (int i = 0; i < list.Substitutes.Count; i++)
            {
                Box(canvas, x, y);
                y += Lines(canvas, $"{i + 1}. {list.Substitutes[i]}", x + BoxSize + 5, y, ColumnWidth - BoxSize - 5, text);
            }
        }

        canvas?.DrawRect(x - 3, top - 3, ColumnWidth + 6, y - top + 6, PdfCanvas.Line);
        return y - top + 6;
    }

    private static float Lines(SKCanvas? canvas, string text, float x, float y, float width, SKFont font)
    {
        int count = PdfCanvas.Wrap(text, width, font).Count;
        if (canvas is not null)
        {
            PdfCanvas.Wrapped(canvas, text, x, y + 1, width, font);
        }

        return Math.Max(LineHeight, count * font.Size * 1.3f) + 2;
    }

    private static void Box(SKCanvas? canvas, float x, float y) => canvas?.DrawRect(x, y + 2, BoxSize, BoxSize, PdfCanvas.Line);

    private static void DrawKCodeField(SKCanvas canvas, Language language)
    {
        using var text = PdfCanvas.Font(PdfCanvas.Bold, 10);
        float top = PdfCanvas.PageHeight - PdfCanvas.Margin - FooterHeight + 16;
        canvas.DrawText(BallotText.Get("kcode", language), PdfCanvas.Margin, top + 10, SKTextAlign.Left, text, PdfCanvas.Ink);
        const float cell = 24f, groupGap = 12f;
        float x = PdfCanvas.Margin;
        for (int i = 0; i < KCode.Length; i++)
        {
            if (i > 0 && i % 4 == 0)
            {
                x += groupGap;
            }

            canvas.DrawRect(x, top + 18, cell, cell + 6, PdfCanvas.Line);
            x += cell;
        }
    }
}
