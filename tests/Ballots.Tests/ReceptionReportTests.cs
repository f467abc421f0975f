using HybridVote.Domain;

namespace HybridVote.Ballots.Tests;

public sealed class ReceptionReportTests
{
    private static readonly DateTimeOffset At = new(2029, 6, 9, 18, 30, 0, TimeSpan.Zero);

    private static readonly ReceptionDay[] Days =
    [
        new(new DateOnly(2029, 6, 7), 1203, 1100, 41, 7, 30, 25, 0),
        new(new DateOnly(2029, 6, 8), 998, 950, 12, 3, 20, 13, 0),
    ];

    [Theory]
    [InlineData(Language.Fr, "Rapport de réception des enveloppes", "Les comptes concordent.")]
    [InlineData(Language.Nl, "Verslag van de ontvangst van de enveloppen", "De tellingen komen overeen.")]
    [InlineData(Language.De, "Bericht über den Empfang der Umschläge", "Die Zählungen stimmen überein.")]
    public void Report_AtTheClose_HoldsEveryFigureAndTheHandCounts_InItsLanguage(Language language, string title, string agrees)
    {
        var close = new ReceptionClose(At, "staff:0123456789abcdef", 2050, 101);
        string text = Poppler.Text(ReceptionReportRenderer.Render(new ReceptionReportView(language, "Chambre 2029", "BW-001", "Bureau principal de Wavre", At, Days, close)));
        Assert.Contains(title, text, StringComparison.Ordinal);
        Assert.Contains("Bureau principal de Wavre (BW-001)", text, StringComparison.Ordinal);
        Assert.Contains(agrees, text, StringComparison.Ordinal);
        // Each day's figures and the totals (2201 received, 2050 accepted, 53 cancelled, 10 second, 50 rescans, 38 rejected).
        foreach (string figure in new[] { "1203", "1100", "998", "950", "2201", "2050", "53", "10", "50", "38" })
        {
            Assert.Contains(figure, text.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries));
        }
    }

    [Fact]
    public void Report_WithHandCountsThatDiffer_SaysSo_AndBeforeTheClose_IsProvisional()
    {
        string differs = Poppler.Text(ReceptionReportRenderer.Render(new ReceptionReportView(Language.Fr, "E", "BW-001", "B", At, Days, new ReceptionClose(At, "staff:x", 2049, 101))));
        Assert.Contains("NE CONCORDENT PAS", differs, StringComparison.Ordinal);
        string open = Poppler.Text(ReceptionReportRenderer.Render(new ReceptionReportView(Language.Fr, "E", "BW-001", "B", At, Days, null)));
        Assert.Contains("rapport provisoire", open, StringComparison.Ordinal);
    }
}
