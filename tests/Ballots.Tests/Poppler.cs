using System.Diagnostics;

namespace HybridVote.Ballots.Tests;

/// <summary>Runs the poppler tools (pdfinfo, pdftotext, pdftoppm) on PDF bytes.</summary>
internal static class Poppler
{
    public static string Info(byte[] pdf) => Run("pdfinfo", pdf, file => [file]);

    /// <summary>The text of the PDF (or of one page) in content-stream order, as pdftotext -raw gives it.</summary>
    public static string Text(byte[] pdf, int? page = null) =>
        Run("pdftotext", pdf, file => page is null ? ["-raw", file, "-"] : ["-raw", "-f", $"{page}", "-l", $"{page}", file, "-"]);

    /// <summary>The first page as a PNG at <paramref name="dpi"/>.</summary>
    public static byte[] Png(byte[] pdf, int dpi)
    {
        string prefix = Path.Combine(Path.GetTempPath(), "hv-png-" + Guid.NewGuid().ToString("N"));
        Run("pdftoppm", pdf, file => ["-r", $"{dpi}", "-f", "1", "-l", "1", "-singlefile", "-png", file, prefix]);
        byte[] png = File.ReadAllBytes(prefix + ".png");
        File.Delete(prefix + ".png");
        return png;
    }

    private static string Run(string tool, byte[] pdf, Func<string, string[]> args)
    {
        string file = Path.GetTempFileName();
        File.WriteAllBytes(file, pdf);
        try
        {
            using var process = Process.Start(new ProcessStartInfo(tool, args(file)) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            string output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{tool} failed: {process.StandardError.ReadToEnd()}");
        }
        finally
        {
            File.Delete(file);
        }
    }
}
