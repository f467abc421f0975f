using HybridVote.Domain;

namespace HybridVote.Ballots.Tests;

public sealed class PdfTests
{
    [Fact]
    public void SeventeenListBallot_IsA4_OnePagePerSheet_EveryNameOnItsPage()
    {
        var view = Ballots.Chamber17Lists();
        var rendered = Assert.IsType<BallotPdf.Rendered>(BallotRenderer.Render(view));
        string info = Poppler.Info(rendered.Pdf);
        Assert.Matches(@"Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)", info);
        Assert.Matches($@"Pages:\s+{rendered.Sheets}\n", info);
        Assert.Matches(@"Title:\s+Bulletin de vote / Stembiljet", info);
        Assert.Contains("/Lang (fr)", System.Text.Encoding.Latin1.GetString(rendered.Pdf), StringComparison.Ordinal);

        var layout = BallotLayoutEngine.Layout(view, SkiaTextMeasure.Instance);
        foreach (var sheet in layout.Sheets)
        {
            string text = Normalize(Poppler.Text(rendered.Pdf, sheet.Number));
            Assert.Contains(Normalize($"Feuille {sheet.Number} de {rendered.Sheets} / Blad {sheet.Number} van {rendered.Sheets}"), text, StringComparison.Ordinal);
            foreach (var list in view.Lists.Where(l => sheet.Blocks.Any(b => b.ListNumber == l.Number)))
            {
                foreach (var name in list.Effective.Concat(list.Substitutes))
                {
                    Assert.Contains(Normalize(name), text, StringComparison.Ordinal);
                }
            }
        }
    }

    [Fact]
    public void NationalBallotSet_TextLayerReadsEveryCandidateNameVerbatim()
    {
        // The Chamber's 11 constituencies (seats, languages), 12–17 lists each, full lists of names of real lengths.
        (int Seats, Language[] Languages)[] constituencies =
        [
            (24, [Language.Nl]), (12, [Language.Nl]), (20, [Language.Nl]), (15, [Language.Nl]), (16, [Language.Nl]), (15, [Language.Fr, Language.Nl]),
            (5, [Language.Fr]), (17, [Language.Fr]), (15, [Language.Fr]), (4, [Language.Fr]), (6, [Language.Fr]),
        ];
        var random = new Random(2029);
        int checkedNames = 0;
        foreach (var (seats, languages) in constituencies)
        {
            var view = Ballots.View([.. Enumerable.Range(1, random.Next(12, 18)).Select(n => Ballots.RealList(n, seats, (seats / 2) + 1, random))], languages);
            var rendered = Assert.IsType<BallotPdf.Rendered>(BallotRenderer.Render(view));
            Assert.InRange(rendered.Sheets, 1, (view.Lists.Count + 2) / 3);
            string text = $" {Unwrap(Poppler.Text(rendered.Pdf))} ";
            foreach (var list in view.Lists)
            {
                foreach (var (name, i) in list.Effective.Select((n, i) => (n, i)).Concat(list.Substitutes.Select((n, i) => (n, i))))
                {
                    Assert.Contains($" {i + 1}. {name} ", text, StringComparison.Ordinal);
                    checkedNames++;
                }
            }
        }

        Assert.True(checkedNames > 2000);
    }

    [Theory]
    [InlineData(Language.Fr, "Case de tête", "Suppléants")]
    [InlineData(Language.Nl, "Lijststem", "Opvolgers")]
    [InlineData(Language.De, "Listenstimme", "Ersatzkandidaten")]
    public void Ballot_FixedTextComesInTheBallotLanguage(Language language, string head, string substitutes)
    {
        var view = Ballots.View([new CandidateListDefinition("E", "C", 1, "Liste", ["Peeters Jan"], ["Ćosić Zoë"])], [language]);
        string text = Poppler.Text(Assert.IsType<BallotPdf.Rendered>(BallotRenderer.Render(view)).Pdf);
        Assert.Contains(head, text, StringComparison.Ordinal);
        Assert.Contains(substitutes, text, StringComparison.Ordinal);
        Assert.Contains("Ćosić Zoë", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Language.Fr)]
    [InlineData(Language.Nl)]
    [InlineData(Language.De)]
    public void EveryVoterPdf_HasATitleAndTheLanguageItIsWrittenIn(Language language)
    {
        var pdfs = new (string Title, byte[] Pdf)[]
        {
            ($"{BallotText.Get("ballot", language)} – Chambre – Brabant wallon", Assert.IsType<BallotPdf.Rendered>(BallotRenderer.Render(new BallotView("Chambre", "Brabant wallon", new DateOnly(2029, 6, 10), [language],
                [new CandidateListDefinition("E", "C", 1, "Liste", ["Peeters Jan"], [])]))).Pdf),
            ($"{BallotText.Get("label", language)} – Kamer 2029", LabelRenderer.Render(Snapshots.ReferenceLabel with { Language = language, ElectionName = "Kamer 2029" })),
            ($"{BallotText.Get("instructions", language)} – Kamer 2029", InstructionRenderer.Render(new InstructionView(language, "Kamer 2029", "-", "-", "-", false, null))),
        };
        foreach (var (title, pdf) in pdfs)
        {
            Assert.Matches($@"Title:\s+{System.Text.RegularExpressions.Regex.Escape(title)}\n", Poppler.Info(pdf));
            Assert.Contains($"/Lang ({language.Code()})", System.Text.Encoding.Latin1.GetString(pdf), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ProofBallot_CarriesAVisibleProofMark()
    {
        var view = Ballots.View([new CandidateListDefinition("E", "C", 1, "Liste", ["Peeters Jan"], [])], [Language.Fr]) with { Proof = true };
        byte[] pdf = Assert.IsType<BallotPdf.Rendered>(BallotRenderer.Render(view)).Pdf;
        Assert.Contains("ÉPREUVE", Poppler.Text(pdf), StringComparison.Ordinal);
    }

    [Fact]
    public void Label_ShowsBureauVoterAndTokenButNeverAKCode()
    {
        byte[] pdf = LabelRenderer.Render(Snapshots.ReferenceLabel);
        string text = Normalize(Poppler.Text(pdf));
        Assert.Contains(Normalize("Zoë Müller-Özdemir"), text, StringComparison.Ordinal);
        Assert.Contains(Normalize("Hoofdbureau Leuven"), text, StringComparison.Ordinal);
        Assert.Contains(Normalize("7KQ2M-9MXD4-HTR8W-ABQ5Z"), text, StringComparison.Ordinal);
        Assert.Matches(@"Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)", Poppler.Info(pdf));
        Assert.Contains("/Lang (nl)", System.Text.Encoding.Latin1.GetString(pdf), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Language.Fr, "Comment voter valablement")]
    [InlineData(Language.Nl, "Hoe geldig stemmen")]
    [InlineData(Language.De, "Wie Sie gültig wählen")]
    public void Instructions_AreInTheVoterLanguage(Language language, string title)
    {
        string text = Poppler.Text(InstructionRenderer.Render(new InstructionView(language, "Europe 2029", "08/06/2029 18:00", "06/06/2029", "10/06/2029", false, "0800 12 345")));
        Assert.Contains(title, text, StringComparison.Ordinal);
        Assert.Contains("17", text, StringComparison.Ordinal);
        foreach (var fact in new[] { "08/06/2029 18:00", "06/06/2029", "10/06/2029", "0800 12 345", BallotText.Get("info-postage-stamp", language), BallotText.Get("step-sheets", language) })
        {
            Assert.Contains(fact, Unwrap(text).Replace("\n", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        }

        Assert.Matches($@"Title:\s+{BallotText.Get("instructions", language)} – Europe 2029", Poppler.Info(InstructionRenderer.Render(new InstructionView(language, "Europe 2029", "-", "-", "-", true, null))));
    }

    // The text layer's lines joined as the reader reads a wrapped name: after a hyphen with
    // nothing between, otherwise with one space. Nothing else is normalised.
    private static string Unwrap(string text) =>
        string.Join(string.Empty, text.Split('\n').Where(l => l.Length > 0).Select(l => l.EndsWith('-') ? l : l + " "));

    // Wrapping moves words to the next line: compare without any white space.
    private static string Normalize(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
}
