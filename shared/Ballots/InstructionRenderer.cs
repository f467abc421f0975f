using HybridVote.Domain;
using static HybridVote.Ballots.BallotGeometry;

namespace HybridVote.Ballots;

/// <summary>
/// The instruction sheet, in the voter's chosen language: how to vote validly, copy the K-code and
/// post the envelope, and the dates, postage and help contact of the election (FR005).
/// </summary>
public static class InstructionRenderer
{
    private static readonly string[] Steps = ["step1", "step2", "step3", "step-sheets", "step4", "step5"];

    /// <summary>The instruction sheet as PDF bytes.</summary>
    public static byte[] Render(InstructionView view)
    {
        var language = view.Language;
        using var output = new MemoryStream();
        string title = $"{BallotText.Get("instructions", language)} – {view.ElectionName}";
        using (var document = PdfCanvas.Create(output, title))
        {
            var canvas = document.BeginPage(PageWidth, PageHeight);
            float y = Margin;
            y += PdfCanvas.Wrapped(canvas, title, Margin, y, Printable.Width, FontKind.Bold, 18) + 16;
            foreach (var step in Steps)
            {
                y += PdfCanvas.Wrapped(canvas, BallotText.Get(step, language), Margin, y, Printable.Width, FontKind.Regular, 13) + 12;
            }

            // What to remember, framed: the dates, postage and where to ask for help.
            float top = y + 4;
            y = top + 10;
            y += PdfCanvas.Wrapped(canvas, BallotText.Get("info-title", language), Margin + 10, y, Printable.Width - 20, FontKind.Bold, 14) + 6;
            foreach (var line in Facts(view))
            {
                y += PdfCanvas.Wrapped(canvas, line, Margin + 10, y, Printable.Width - 20, FontKind.Regular, 13) + 6;
            }

            using var frame = PdfCanvas.Line(1.5f);
            canvas.DrawRect(Margin, top, Printable.Width, y - top + 4, frame);
            document.EndPage();
            document.Close();
        }

        return PdfLanguage.Set(output.ToArray(), language.Code());
    }

    private static IEnumerable<string> Facts(InstructionView view)
    {
        string F(string id, string value) => string.Format(System.Globalization.CultureInfo.InvariantCulture, BallotText.Get(id, view.Language), value);
        yield return F("info-print-until", view.PrintUntil);
        yield return F("info-post-by", view.PostBy);
        yield return F("info-election-day", view.ElectionDay);
        yield return BallotText.Get(view.Prepaid ? "info-postage-prepaid" : "info-postage-stamp", view.Language);
        if (view.HelpContact is { } help)
        {
            yield return F("info-help", help);
        }
    }
}

/// <summary>Everything the instruction sheet shows besides its fixed text; dates already written as the voter reads them (dd/MM/yyyy, Brussels time).</summary>
public sealed record InstructionView(Language Language, string ElectionName, string PrintUntil, string PostBy, string ElectionDay, bool Prepaid, string? HelpContact);
