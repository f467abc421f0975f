using HybridVote.Domain;
using QRCoder;
using SkiaSharp;
using static HybridVote.Ballots.BallotGeometry;

namespace HybridVote.Ballots;

/// <summary>
/// Renders the personal envelope label sheet (one face only: SkiaSharp embeds each face whole in
/// every PDF, so one face keeps labels fast and small): recipient main bureau, voter name, election, the
/// label token as a QR code and in text, cut lines and the double-envelope instructions in the
/// voter's language. The K-code is never on it, in a code or otherwise (TR009).
/// </summary>
public static class LabelRenderer
{
    private const float LabelWidth = 360f;
    private const float LabelHeight = 200f;
    private const float QrSize = 100f;

    /// <summary>The label sheet as PDF bytes.</summary>
    public static byte[] Render(LabelView view)
    {
        using var output = new MemoryStream();
        using (var document = PdfCanvas.Create(output, $"{BallotText.Get("label", view.Language)} – {view.ElectionName}"))
        {
            var canvas = document.BeginPage(PageWidth, PageHeight);
            float top = Margin + 24;
            DrawLabel(canvas, view, Margin + 12, top);
            float y = top + LabelHeight + 36;
            y += PdfCanvas.Wrapped(canvas, BallotText.Get("cut", view.Language), Margin, y, Printable.Width, FontKind.Regular, 11) + 8;
            PdfCanvas.Wrapped(canvas, BallotText.Get("envelope", view.Language), Margin, y, Printable.Width, FontKind.Regular, 11);
            document.EndPage();
            document.Close();
        }

        return PdfLanguage.Set(output.ToArray(), view.Language.Code());
    }

    private static void DrawLabel(SKCanvas canvas, LabelView view, float x, float y)
    {
        using (var dashed = new SKPaint { Color = SKColors.Black, IsStroke = true, StrokeWidth = 0.8f, PathEffect = SKPathEffect.CreateDash([6, 4], 0) })
        {
            canvas.DrawRect(x - 12, y - 12, LabelWidth + 24, LabelHeight + 24, dashed);
        }

        float textWidth = LabelWidth - QrSize - 12;
        float ty = y;
        ty += PdfCanvas.Wrapped(canvas, BallotText.Get("to", view.Language), x, ty, textWidth, FontKind.Regular, 9);
        ty += PdfCanvas.Wrapped(canvas, view.BureauName, x, ty, textWidth, FontKind.Regular, 13);
        ty += PdfCanvas.Wrapped(canvas, view.BureauAddress, x, ty, textWidth, FontKind.Regular, 12) + 10;
        ty += PdfCanvas.Wrapped(canvas, BallotText.Get("voter", view.Language), x, ty, textWidth, FontKind.Regular, 9);
        ty += PdfCanvas.Wrapped(canvas, view.VoterIdentity, x, ty, textWidth, FontKind.Regular, 13) + 6;
        PdfCanvas.Wrapped(canvas, view.ElectionName, x, ty, textWidth, FontKind.Regular, 9);
        PdfCanvas.Wrapped(canvas, view.LabelToken, x, y + LabelHeight - 16, LabelWidth, FontKind.Regular, 13);
        DrawQr(canvas, view.LabelToken, x + LabelWidth - QrSize, y);
    }

    private static void DrawQr(SKCanvas canvas, string payload, float x, float y)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(payload, QRCodeGenerator.ECCLevel.M);
        var modules = data.ModuleMatrix;
        float module = QrSize / modules.Count;
        using var ink = PdfCanvas.Ink();
        // One rectangle per horizontal run of dark modules: crisp at any resolution and cheap to
        // write (a single path or an image of the code is several times slower in the PDF backend).
        for (int row = 0; row < modules.Count; row++)
        {
            int col = 0;
            while (col < modules.Count)
            {
                int start = col;
                while (col < modules.Count && modules[row][col])
                {
                    col++;
                }

                if (col > start)
                {
                    canvas.DrawRect(x + (start * module), y + (row * module), (col - start) * module, module, ink);
                }

                col++;
            }
        }
    }
}
