using System.Globalization;
using HybridVote.Domain;
using HybridVote.Localization;
using SkiaSharp;
using static HybridVote.Ballots.BallotGeometry;

namespace HybridVote.Ballots;

/// <summary>What a reception report shows: the bureau, its receipts per day, and the close if there was one.</summary>
/// <param name="Language">The report's language.</param>
/// <param name="ElectionName">The election.</param>
/// <param name="BureauId">The bureau.</param>
/// <param name="BureauName">Its name.</param>
/// <param name="GeneratedAt">When the report was made (a report before the close is provisional).</param>
/// <param name="Days">The receipts per day.</param>
/// <param name="Close">The president's close, or null while intake is open.</param>
public sealed record ReceptionReportView(Language Language, string ElectionName, string BureauId, string BureauName, DateTimeOffset GeneratedAt,
    IReadOnlyList<ReceptionDay> Days, ReceptionClose? Close);

/// <summary>
/// The reception report of a bureau (FR008; PDF on the ballots' stack): envelopes received,
/// accepted, cancelled, second envelopes, rescans, rejected and pending, per day and in total, and at
/// the close the hand counts of the two piles against the system's, with a signature block. The
/// counting bureau reconciles its ballots against these totals.
/// </summary>
public static class ReceptionReportRenderer
{
    private static readonly string[] Columns = ["received", "accepted", "cancelled", "duplicate", "rescan", "rejected", "pending"];

    /// <summary>The report as PDF bytes.</summary>
    public static byte[] Render(ReceptionReportView view)
    {
        var language = view.Language;
        string T(string id) => BallotText.Get(id, language);
        using var output = new MemoryStream();
        using (var document = PdfCanvas.Create(output, $"{T("report-title")} – {view.BureauName}"))
        {
            var canvas = document.BeginPage(PageWidth, PageHeight);
            float x = Margin, width = Printable.Width, y = Margin;
            y += PdfCanvas.Wrapped(canvas, T("report-title"), x, y, width, FontKind.Bold, 16) + 4;
            y += PdfCanvas.Wrapped(canvas, view.ElectionName, x, y, width, FontKind.Regular, 11);
            y += PdfCanvas.Wrapped(canvas, $"{view.BureauName} ({view.BureauId})", x, y, width, FontKind.Regular, 11);
            y += PdfCanvas.Wrapped(canvas, Fill(T("report-generated"), BrusselsTime.DateTime(view.GeneratedAt)), x, y, width, FontKind.Regular, 9);
            y += PdfCanvas.Wrapped(canvas, view.Close is { } c ? Fill(T("report-closed"), BrusselsTime.DateTime(c.ClosedAt)) : T("report-open"), x, y, width, FontKind.Bold, 11) + 10;

            // One row per day and a total: the label on the left, each figure in its own column.
            float labelWidth = 120, cell = (width - labelWidth) / Columns.Length;
            y = Row(canvas, y, x, labelWidth, cell, T("report-day"), Columns.Select(col => T("report-" + col)), FontKind.Bold, 8);
            var total = ReceptionDay.Total(view.Days);
            foreach (var day in view.Days)
            {
                y = Row(canvas, y, x, labelWidth, cell, BrusselsTime.Date(day.Day), Figures(day), FontKind.Regular, 10);
            }

            y = Row(canvas, y, x, labelWidth, cell, T("report-total"), Figures(total), FontKind.Bold, 10) + 12;
            y += PdfCanvas.Wrapped(canvas, Fill(T("report-piles"), total.Accepted, total.SetAside), x, y, width, FontKind.Regular, 10) + 6;
            if (view.Close is { } close)
            {
                y += PdfCanvas.Wrapped(canvas, Fill(T("report-counted"), close.CountedAccepted, close.CountedSetAside), x, y, width, FontKind.Regular, 10);
                y += PdfCanvas.Wrapped(canvas, T(close.Agrees(total) ? "report-agrees" : "report-differs"), x, y, width, FontKind.Bold, 10) + 24;
                y += PdfCanvas.Wrapped(canvas, T("report-signature"), x, y, width, FontKind.Regular, 10) + 36;
                using var line = PdfCanvas.Line(0.8f);
                canvas.DrawLine(x, y, x + 220, y, line);
            }

            document.EndPage();
            document.Close();
        }

        return PdfLanguage.Set(output.ToArray(), language.Code());
    }

    private static IEnumerable<string> Figures(ReceptionDay d) =>
        new[] { d.Received, d.Accepted, d.Cancelled, d.Duplicate, d.Rescan, d.Rejected, d.Pending }.Select(n => n.ToString(CultureInfo.InvariantCulture));

    private static string Fill(string format, params object[] args) => string.Format(CultureInfo.InvariantCulture, format, args);

    // A row: the label, then each value right-aligned in its cell; the height is that of its tallest cell.
    private static float Row(SKCanvas canvas, float y, float x, float labelWidth, float cell, string label, IEnumerable<string> values, FontKind font, float size)
    {
        float height = PdfCanvas.Wrapped(canvas, label, x, y, labelWidth - 6, font, size);
        int i = 0;
        foreach (string value in values)
        {
            height = Math.Max(height, PdfCanvas.Wrapped(canvas, value, x + labelWidth + (i++ * cell), y, cell - 6, font, size));
        }

        using var line = PdfCanvas.Line(0.4f);
        canvas.DrawLine(x, y + height + 2, x + labelWidth + (Columns.Length * cell), y + height + 2, line);
        return y + height + 6;
    }
}
