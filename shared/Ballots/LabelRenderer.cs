using QRCoder;
using SkiaSharp;

namespace HybridVote.Ballots;

/// <summary>
/// Renders the personal envelope label: recipient bureau, voter name, election, and the label token
/// as a QR code and in text, with cut lines and the double-envelope instructions. The K-code is
/// never on it (TR009).
/// </summary>
public static class LabelRenderer
{
    private const float LabelWidth = 340f;
    private const float LabelHeight = 200f;

    /// <summary>The label sheet as PDF bytes.</summary>
    public static byte[] Render(LabelView view)
    {
        using var output = new MemoryStream();
        using (var document = PdfCanvas.Create(output, $"{BallotText.Get("label", view.Language)} – {view.ElectionName}", view.Language.ToString().ToLowerInvariant()))
        {
            var canvas = document.BeginPage(PdfCanvas.PageWidth, PdfCanvas.PageHeight);
            DrawLabel(canvas, view, PdfCanvas.Margin + 20, PdfCanvas.Margin + 40);
            using var text = PdfCanvas.Font(PdfCanvas.Regular, 11);
            float y = PdfCanvas.Margin + 40 + LabelHeight + 40;
            float width = PdfCanvas.PageWidth - (2 * PdfCanvas.Margin);
            y += PdfCanvas.Wrapped(canvas, BallotText.Get("cut", view.Language), PdfCanvas.Margin, y, width, text) + 10;
            PdfCanvas.Wrapped(canvas, BallotText.Get("envelope", view.Language), PdfCanvas.Margin, y, width, text);
            document.EndPage();
            document.Close();
        }

        return output.ToArray();
    }

    private static void DrawLabel(SKCanvas canvas, LabelView view, float x, float y)
    {
        using var dashed = new SKPaint { Color = SKColors.Black, IsStroke = true, StrokeWidth = 0.8f, PathEffect = SKPathEffect.CreateDash([6, 4], 0) };
        canvas.DrawRect(x - 12, y - 12, LabelWidth + 24, LabelHeight + 24, dashed);
        using var small = PdfCanvas.Font(PdfCanvas.Regular, 9);
        using var text = PdfCanvas.Font(PdfCanvas.Regular, 12);
        using var bold = PdfCanvas.Font(PdfCanvas.Bold, 12);
        using var mono = PdfCanvas.Font(PdfCanvas.Mono, 11);
        float textWidth = LabelWidth - 110;
        canvas.DrawText(BallotText.Get("to", view.Language), x, y + 9, SKTextAlign.Left, small, PdfCanvas.Ink);
        float ty = y + 12;
        ty += PdfCanvas.Wrapped(canvas, view.BureauName, x, ty, textWidth, bold);
        ty += PdfCanvas.Wrapped(canvas, view.BureauAddress, x, ty, textWidth, text) + 10;
        canvas.DrawText(BallotText.Get("voter", view.Language), x, ty + 9, SKTextAlign.Left, small, PdfCanvas.Ink);
        ty += PdfCanvas.Wrapped(canvas, view.VoterName, x, ty + 12, textWidth, bold) + 14;
        ty += PdfCanvas.Wrapped(canvas, view.ElectionName, x, ty, textWidth, small);
        canvas.DrawText(view.LabelToken, x, y + LabelHeight - 4, SKTextAlign.Left, mono, PdfCanvas.Ink);
        DrawQr(canvas, view.LabelToken, x + LabelWidth - 100, y + 10, 100);
    }

    private static void DrawQr(SKCanvas canvas, string payload, float x, float y, float size)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(payload, QRCodeGenerator.ECCLevel.M);
        var modules = data.ModuleMatrix;
        float module = size / modules.Count;
        for (int row = 0; row < modules.Count; row++)
        {
            for (int col = 0; col < modules.Count; col++)
            {
                if (modules[row][col])
                {
                    canvas.DrawRect(x + (col * module), y + (row * module), module, module, PdfCanvas.Ink);
                }
            }
        }
    }
}
