using HybridVote.Domain;

namespace HybridVote.Ballots;

/// <summary>Draws a laid-out ballot as an A4 PDF, one side per sheet (BN001, TR003).</summary>
public static class BallotRenderer
{
    /// <summary>The ballot as PDF bytes, or the lists that cannot be placed (never a partial ballot).</summary>
    public static BallotPdf Render(BallotView view)
    {
        var layout = BallotLayoutEngine.Layout(view, SkiaTextMeasure.Instance);
        if (!layout.Complete)
        {
            return new BallotPdf.CannotFit(layout.Problems);
        }

        using var output = new MemoryStream();
        string title = $"{BallotText.Get("ballot", view.Languages)} – {view.ElectionName} – {view.ContestName}";
        using (var document = PdfCanvas.Create(output, title))
        {
            using var line = PdfCanvas.Line();
            foreach (var sheet in layout.Sheets)
            {
                var canvas = document.BeginPage(BallotGeometry.PageWidth, BallotGeometry.PageHeight);
                foreach (var box in sheet.Boxes)
                {
                    canvas.DrawRect(box.X, box.Y, box.Width, box.Height, line);
                }

                PdfCanvas.Draw(canvas, sheet.Texts);
                FoldMarks(canvas, line);
                if (view.Proof)
                {
                    PdfCanvas.Watermark(canvas, BallotText.Get("proof", view.Languages));
                }

                document.EndPage();
            }

            document.Close();
        }

        return new BallotPdf.Rendered(PdfLanguage.Set(output.ToArray(), view.Languages[0].Code()), layout.Sheets.Count);
    }

    // Short ticks in both margins where the sheet folds in three for the inner envelope.
    private static void FoldMarks(SkiaSharp.SKCanvas canvas, SkiaSharp.SKPaint line)
    {
        for (int fold = 1; fold <= 2; fold++)
        {
            float y = BallotGeometry.PageHeight * fold / 3;
            float edge = BallotGeometry.Margin - BallotGeometry.FoldMarkLength - 4;
            canvas.DrawLine(edge, y, edge + BallotGeometry.FoldMarkLength, y, line);
            canvas.DrawLine(BallotGeometry.PageWidth - edge - BallotGeometry.FoldMarkLength, y, BallotGeometry.PageWidth - edge, y, line);
        }
    }
}

/// <summary>What rendering a ballot produced.</summary>
public abstract record BallotPdf
{
    private BallotPdf()
    {
    }

    /// <summary>The PDF and its number of sheets.</summary>
    public sealed record Rendered(byte[] Pdf, int Sheets) : BallotPdf;

    /// <summary>Lists that cannot fit one sheet; the organiser must act (see docs/ballots.md).</summary>
    public sealed record CannotFit(IReadOnlyList<ListTooLong> Lists) : BallotPdf;
}
