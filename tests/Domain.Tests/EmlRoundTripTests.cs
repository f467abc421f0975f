using HybridVote.Eml;

namespace HybridVote.Domain.Tests;

public sealed class EmlRoundTripTests
{
    private static readonly ElectionCalendar Calendar = new(
        new DateTimeOffset(2026, 5, 16, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 6, 7, 0, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(2026, 6, 9, 14, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void ElectionEvent_WrittenThenRead_KeepsEveryElectionAndContest()
    {
        var elections = new[]
        {
            new ElectionDefinition("EV", "CH", "Chambre", Calendar, [new ContestDefinition("BXL", "Bruxelles-Capitale", "fr+nl", 16, new BureauDefinition("B1", "Bureau", "Rue 1"), Names(("fr", "Bruxelles-Capitale"), ("nl", "Brussel-Hoofdstad")))],
                Names(("fr", "Chambre des représentants"), ("nl", "Kamer van volksvertegenwoordigers"), ("de", "Abgeordnetenkammer"))),
            new ElectionDefinition("EV", "EU", "Europe", Calendar, [new ContestDefinition("DE", "Deutschsprachiger Wahlkreis", "de", 1, new BureauDefinition("B2", "Büro", "Straße 2"))]),
        };
        using var stream = new MemoryStream();
        EmlWriter.WriteElectionEvent(stream, "EV", "Event", elections);
        stream.Position = 0;
        var read = EmlReader.ReadElectionEvent(stream);
        Assert.Equal(2, read.Count);
        Assert.Equal(Calendar, read[0].Calendar);
        Assert.Equal(elections[1].Contests[0], read[1].Contests[0]);
        Assert.Equal(elections[0].Contests[0], read[0].Contests[0]);
        Assert.Equal("Kamer van volksvertegenwoordigers", read[0].Names!.In(Language.Nl, read[0].Name));
        Assert.Equal("Brussel-Hoofdstad", read[0].Contests[0].Names!.In(Language.Nl, "?"));
        Assert.Null(read[1].Names);
    }

    [Fact]
    public void LocalNames_GiveTheNameInEachLanguage_TheEmlNameWhereNoneIsGiven()
    {
        var names = Names(("fr", "Bruxelles-Capitale"), ("nl", "Brussel-Hoofdstad"));
        Assert.Equal("Bruxelles-Capitale / Brussel-Hoofdstad", names.In([Language.Fr, Language.Nl], "BXL"));
        Assert.Equal("BXL", names.In(Language.De, "BXL"));
        Assert.Equal("Li\u00e8ge", Names(("fr", "Lie\u0300ge")).In([Language.Fr, Language.Fr], "x"));
        Assert.Equal(names, LocalNames.FromJson(names.ToJson()));
        Assert.Same(LocalNames.None, LocalNames.FromJson(null));
    }

    private static LocalNames Names(params (string Lang, string Name)[] names) => new(names.Select(n => KeyValuePair.Create(Languages.Parse(n.Lang), n.Name)));

    [Fact]
    public void Voters_WrittenThenRead_KeepEveryDiacritic()
    {
        var voters = new[]
        {
            new ListedVoter("85072700153", "Zoë", "Ćosić-D'Hondt", "Kerkstraat 1, 3000 Leuven", Language.Nl, "24062", [new("CH", "VB"), new("EU", "NL"), new("VL", "VB")]),
            new ListedVoter("85072700252", "Jérôme", "Van den Bossche", "Rue de l'Église 2, 1300 Wavre", Language.Fr, "POST-PARIS", [new("CH", "BW")]),
        };
        using var stream = new MemoryStream();
        EmlWriter.WriteVoters(stream, voters);
        stream.Position = 0;
        Assert.Equal(voters, EmlReader.ReadVoters(stream).Select(v => v.Voter).ToArray());
    }

    [Fact]
    public void CandidateLists_WrittenThenRead_KeepOrderAndSubstitutes()
    {
        var lists = new[]
        {
            new CandidateListDefinition("CH", "BW", 1, "Liste Un", ["Dupont Élodie", "Lefèvre Noël"], ["D'Hondt Loïc"]),
            new CandidateListDefinition("CH", "BW", 2, "Liste Deux", ["Peeters Jan"], []),
        };
        using var stream = new MemoryStream();
        EmlWriter.WriteCandidateLists(stream, "CH", lists);
        stream.Position = 0;
        var read = EmlReader.ReadCandidateLists(stream).ToList();
        Assert.Equal(lists.Select(l => (l.Number, l.Name)), read.Select(l => (l.Number, l.Name)));
        Assert.Equal(lists[0].Effective, read[0].Effective);
        Assert.Equal(lists[0].Substitutes, read[0].Substitutes);
    }

    [Fact]
    public void WrittenFiles_AreValidAgainstTheOasisSchemasAndTheBelgianProfile()
    {
        var election = new ElectionDefinition("EV", "CH", "Chambre", Calendar, [new ContestDefinition("BXL", "Bruxelles", "fr+nl", 16, new BureauDefinition("B1", "Bureau", "Rue 1"), Names(("fr", "Bruxelles"), ("nl", "Brussel")))],
            Names(("fr", "Chambre"), ("nl", "Kamer")));
        Validate("110", s => EmlWriter.WriteElectionEvent(s, "EV", "Event", [election]), s => EmlReader.ReadElectionEvent(s, new EmlValidation("110")).Count);
        Validate("230", s => EmlWriter.WriteCandidateLists(s, "CH", [new CandidateListDefinition("CH", "BXL", 1, "Liste", ["Dupont Élodie"], ["D'Hondt Loïc"])]),
            s => EmlReader.ReadCandidateLists(s, new EmlValidation("230")).Count());
        Validate("330", s => EmlWriter.WriteVoters(s, [new ListedVoter("85072700153", "Zoë", "Ćosić", "Rue Haute 1, 1000 Bruxelles", Language.Nl, "21004", [new("CH", "BXL")])]), s => EmlReader.ReadVoters(s, new EmlValidation("330")).Count());
        Validate("330", s => EmlWriter.WriteInPerson(s, "CH", ["85072700153"]), s => EmlReader.ReadInPersonVoters(s, new EmlValidation("330")).Count());
    }

    [Fact]
    public void Validation_ProfileViolation_IsE101WithLineAndElement_ForeignExtensionIsW001()
    {
        const string bad = """
            <?xml version="1.0" encoding="utf-8"?>
            <EML xmlns="urn:oasis:names:tc:evs:schema:eml" xmlns:be="urn:hybridvote:be:eml:1" xmlns:kr="http://www.kiesraad.nl/extensions" Id="330" SchemaVersion="5.0">
              <TransactionId>1</TransactionId>
              <ElectionList>
                <VoterDetails><VoterRegistration><Voter><VoterIdentification Id="85072700153"/><kr:Whatever>x</kr:Whatever><be:Language>xx</be:Language></Voter></VoterRegistration></VoterDetails>
              </ElectionList>
            </EML>
            """;
        var validation = new EmlValidation("330");
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(bad.Trim()));
        var error = Assert.Throws<EmlValidationException>(() => EmlReader.ReadVoters(stream, validation).ToList());
        Assert.Equal("E101", error.Issue.Code);
        Assert.Equal(5, error.Issue.Line);
        Assert.Contains("Language", error.Issue.Element, StringComparison.Ordinal);
        Assert.Contains(validation.Warnings, w => w.Code == "W001" && w.Element.Contains("Whatever", StringComparison.Ordinal));
    }

    private static void Validate(string message, Action<Stream> write, Func<Stream, int> read)
    {
        using var stream = new MemoryStream();
        write(stream);
        stream.Position = 0;
        Assert.True(read(stream) > 0, $"EML {message} read nothing");
    }

    [Fact]
    public void Reader_FileWithADtd_IsRefused()
    {
        const string bomb = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;\">]><EML xmlns=\"urn:oasis:names:tc:evs:schema:eml\">&lol2;</EML>";
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(bomb));
        Assert.Throws<System.Xml.XmlException>(() => EmlReader.ReadVoters(stream).ToList());
    }

    [Theory]
    [InlineData("<CandidateIdentifier Id=\"2\"", "<CandidateIdentifier Id=\"4\"", "carries number 4")]
    [InlineData("<be:Substitute", "", "comes after a substitute")]
    public void CandidateLists_GapOrEffectiveAfterSubstitute_IsE104(string from, string to, string expected)
    {
        var list = new CandidateListDefinition("CH", "BW", 3, "Liste", ["Dupont Élodie", "Lefèvre Noël"], ["D'Hondt Loïc", "Ćosić Zoë"]);
        using var written = new MemoryStream();
        EmlWriter.WriteCandidateLists(written, "CH", [list]);
        string xml = System.Text.Encoding.UTF8.GetString(written.ToArray());
        // The first case breaks the numbering; the second makes the last substitute an effective candidate.
        var marker = new System.Text.RegularExpressions.Regex(from.StartsWith("<be:", StringComparison.Ordinal) ? "<be:Substitute\\s*/>|<be:Substitute></be:Substitute>" : System.Text.RegularExpressions.Regex.Escape(from));
        var match = from.StartsWith("<be:", StringComparison.Ordinal) ? marker.Matches(xml)[^1] : marker.Match(xml);
        Assert.True(match.Success);
        string changed = xml[..match.Index] + to + xml[(match.Index + match.Length)..];
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(changed));
        var error = Assert.Throws<EmlValidationException>(() => EmlReader.ReadCandidateLists(stream, new EmlValidation("230")).ToList());
        Assert.Equal("E104", error.Issue.Code);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("list 3 of constituency BW", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Voters_NestedDeeperThanTheLimit_IsE100()
    {
        string deep = string.Concat(Enumerable.Repeat("<x:a xmlns:x=\"urn:other\">", 40)) + string.Concat(Enumerable.Repeat("</x:a>", 40));
        string xml = "<EML xmlns=\"urn:oasis:names:tc:evs:schema:eml\" Id=\"330\"><ElectionList><VoterDetails><VoterRegistration><Voter>"
            + "<VoterIdentification Id=\"85072700153\"/>" + deep + "</Voter></VoterRegistration></VoterDetails></ElectionList></EML>";
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(xml));
        var error = Assert.Throws<EmlValidationException>(() => EmlReader.ReadVoters(stream).ToList());
        Assert.Equal("E100", error.Issue.Code);
    }

    [Fact]
    public void Voters_DisplayOrderRepeated_IsE101_AsTheSchemaUniqueConstraintSays()
    {
        using var written = new MemoryStream();
        EmlWriter.WriteVoters(written, [new ListedVoter("85072700153", "Zoë", "Ćosić", "Rue Haute 1, 1000 Bruxelles", Language.Nl, "21004", [new("CH", "BXL")]),
            new ListedVoter("85072700252", "Jan", "Peeters", "Rue Haute 2, 1000 Bruxelles", Language.Nl, "21004", [new("CH", "BXL")])]);
        string xml = System.Text.Encoding.UTF8.GetString(written.ToArray()).Replace("<VoterIdentification Id=", "<VoterIdentification DisplayOrder=\"1\" Id=", StringComparison.Ordinal);
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(xml));
        var error = Assert.Throws<EmlValidationException>(() => EmlReader.ReadVoters(stream, new EmlValidation("330")).ToList());
        Assert.Equal("E101", error.Issue.Code);
        Assert.Contains("DisplayOrder 1 is used twice", error.Message, StringComparison.Ordinal);
    }
}
