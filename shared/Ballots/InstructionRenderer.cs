using HybridVote.Domain;
using static HybridVote.Ballots.BallotGeometry;

namespace HybridVote.Ballots;

/// <summary>The instruction sheet: how to vote validly, copy the K-code and post the envelope, in the voter's language.</summary>
public static class InstructionRenderer
{
    private static readonly string[] Steps = ["step1", "step2", "step3", "step-sheets", "step4", "step5"];

    /// <summary>The instruction sheet as PDF bytes.</summary>
    public static byte[] Render(Language language, string electionName)
    {
        using var output = new MemoryStream();
        string title = $"{BallotText.Get("instructions", language)} – {electionName}";
        using (var document = PdfCanvas.Create(output, title))
        {
            var canvas = document.BeginPage(PageWidth, PageHeight);
            float y = Margin;
            y += PdfCanvas.Wrapped(canvas, title, Margin, y, Printable.Width, FontKind.Bold, 18) + 16;
            foreach (var step in Steps)
            {
                y += PdfCanvas.Wrapped(canvas, BallotText.Get(step, language), Margin, y, Printable.Width, FontKind.Regular, 13) + 12;
            }

            document.EndPage();
            document.Close();
        }

        return PdfLanguage.Set(output.ToArray(), language.Code());
    }
}
