using System.Text;
using System.Xml;
using HybridVote.Eml;

namespace HybridVote.Domain.Tests;

/// <summary>
/// The voter reader validates VoterDetails as records and remembers the shapes the schema validator
/// accepted (StreamValidator). Each case changes the third voter of a file whose first two share its
/// shape, so the remembered shape is tried first; the outcome must be the schema validator's own:
/// the same acceptance, code, line and warnings as a validating XmlReader over the whole file.
/// </summary>
public sealed class RecordValidationTests
{
    private const string Voter = """<VoterDetails><VoterRegistration><Voter><VoterIdentification Id="{NRN}"><VoterName><xnl:PersonName><xnl:FirstName>Zoë</xnl:FirstName><xnl:LastName>Ćosić</xnl:LastName></xnl:PersonName></VoterName></VoterIdentification><be:Language>nl</be:Language><be:Residence Source="24062" Address="Kerkstraat 1, 3000 Leuven" /></Voter></VoterRegistration><Election><ElectionIdentifier Id="CH" /><ContestIdentifier Id="VB" /></Election><Election><ElectionIdentifier Id="EU" /><ContestIdentifier Id="NL" /></Election></VoterDetails>""";

    public static TheoryData<string, string> Changes => new()
    {
        { "unchanged", "" },
        { "language outside the enumeration", "<be:Language>nl</be:Language>=><be:Language>xx</be:Language>" },
        { "language with spaces (xs:token)", "<be:Language>nl</be:Language>=><be:Language> nl </be:Language>" },
        { "empty source (minLength 1)", "Source=\"24062\"=>Source=\"\"" },
        { "source of 41 characters", "Source=\"24062\"=>Source=\"" + new string('7', 41) + "\"" },
        { "address of 201 characters", "Address=\"Kerkstraat 1, 3000 Leuven\"=>Address=\"" + new string('a', 201) + "\"" },
        { "address of 200 characters", "Address=\"Kerkstraat 1, 3000 Leuven\"=>Address=\"" + new string('a', 200) + "\"" },
        { "source missing", "Source=\"24062\" =>" },
        { "unknown attribute", "<Voter>=><Voter Colour=\"red\">" },
        { "abroad not a boolean", "Source=\"24062\"=>Source=\"24062\" Abroad=\"maybe\"" },
        { "abroad true", "Source=\"24062\"=>Source=\"24062\" Abroad=\"true\"" },
        { "names swapped", "<xnl:FirstName>Zoë</xnl:FirstName><xnl:LastName>Ćosić</xnl:LastName>=><xnl:LastName>Ćosić</xnl:LastName><xnl:FirstName>Zoë</xnl:FirstName>" },
        { "name split over text and CDATA", "<xnl:LastName>Ćosić</xnl:LastName>=><xnl:LastName>Ćo<![CDATA[sić]]></xnl:LastName>" },
        { "language split over text and CDATA", "<be:Language>nl</be:Language>=><be:Language>n<![CDATA[l]]></be:Language>" },
        { "another profile's extension", "<be:Language>=><kr:Whatever>x</kr:Whatever><be:Language>" },
        { "registration twice", "</VoterRegistration>=></VoterRegistration><VoterRegistration><Voter><VoterIdentification Id=\"1\"/></Voter></VoterRegistration>" },
        { "election without its constituency", "<ContestIdentifier Id=\"VB\" />=>" },
        { "election identifier twice", "<ElectionIdentifier Id=\"EU\" />=><ElectionIdentifier Id=\"EU\" /><ElectionIdentifier Id=\"EU\" />" },
        { "text in element-only content", "<Voter>=><Voter>text" },
        { "empty national number", "Id=\"{NRN}\"=>Id=\"\"" },
        { "comment inside", "<Voter>=><Voter><!-- c -->" },
        { "language as an empty element", "<be:Language>nl</be:Language>=><be:Language/>" },
        { "xsi:nil on a name", "<xnl:FirstName>Zoë</xnl:FirstName>=><xnl:FirstName xsi:nil=\"true\"/>" },
        { "local namespace declaration", "<be:Residence=><be:Residence xmlns:y=\"urn:y\"" },
        { "unknown element of the core namespace", "<be:Language>=><Colour>red</Colour><be:Language>" },
        { "xml:lang on a name", "<xnl:FirstName>=><xnl:FirstName xml:lang=\"nl\">" },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void RecordValidation_AgreesWithTheSchemaValidator(string change, string edit)
    {
        string xml = File(3, edit);
        var (expected, expectedWarnings) = Outcome(() =>
        {
            var validation = new EmlValidation("330");
            using var reader = XmlReader.Create(new MemoryStream(Encoding.UTF8.GetBytes(xml)), validation.Settings(new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, IgnoreWhitespace = true, IgnoreComments = true }));
            while (reader.Read())
            {
            }

            return validation;
        });
        var (actual, actualWarnings) = Outcome(() =>
        {
            var validation = new EmlValidation("330");
            Assert.Equal(3, EmlReader.ReadVoters(new MemoryStream(Encoding.UTF8.GetBytes(xml)), validation).Count());
            // The second voter is always accepted by the first one's shape; so is the third when it kept it.
            Assert.InRange(validation.RecordsByShape, edit.Length == 0 ? 2 : 1, 2);
            return validation;
        });
        Assert.True(expected == actual, $"{change}: schema validator says {expected}, record validation says {actual}");
        Assert.Equal(expectedWarnings, actualWarnings);
    }

    [Fact]
    public void RecordValidation_EveryRecordOfARememberedShape_IsStillChecked()
    {
        // The bad value is far from the first record of its shape, and reported on its own line.
        string xml = File(50, "<be:Language>nl</be:Language>=><be:Language>xx</be:Language>", 40);
        var error = Assert.Throws<EmlValidationException>(() => EmlReader.ReadVoters(new MemoryStream(Encoding.UTF8.GetBytes(xml)), new EmlValidation("330")).ToList());
        Assert.Equal("E101", error.Issue.Code);
        Assert.Equal(42, error.Issue.Line);
        Assert.Contains("Language", error.Issue.Element, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Address=\"Kerkstraat 1, 3000 Leuven\"=>Address=\"Rue de l'Élodie Dupont 7, 1300 Wavre — résidence Les Tilleuls, appartement 12, chez Madame Zoë Ćosić-Van den Bossche, à côté de la boulangerie du coin, entrée par la cour intérieure, sonner deux fois, puis attendre patiemment que quelqu’un descende ouvrir la porte du bâtiment B\"", "Élodie Dupont")]
    [InlineData("<be:Language>nl</be:Language>=><be:Language>Zoë Ćosić</be:Language>", "Zoë Ćosić")]
    public void SchemaErrors_NameTheRuleAndThePlace_NeverTheValue(string edit, string personal)
    {
        // Values of a voter file are names, addresses and national numbers: never in a message.
        string xml = File(3, edit, 1);
        var error = Assert.Throws<EmlValidationException>(() => EmlReader.ReadVoters(new MemoryStream(Encoding.UTF8.GetBytes(xml)), new EmlValidation("330")).ToList());
        Assert.Equal("E101", error.Issue.Code);
        Assert.Equal(3, error.Issue.Line);
        Assert.DoesNotContain(personal, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(personal, error.Issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RecordOfTooManyNodes_IsE100()
    {
        string many = string.Concat(Enumerable.Repeat("<Election><ElectionIdentifier Id=\"EU\" /></Election>", 3000));
        string xml = File(1, "</VoterDetails>=>" + many + "</VoterDetails>", 0);
        var error = Assert.Throws<EmlValidationException>(() => EmlReader.ReadVoters(new MemoryStream(Encoding.UTF8.GetBytes(xml))).ToList());
        Assert.Equal("E100", error.Issue.Code);
    }

    // A 330 file of `count` voters, one per line from line 2; `edit` ("from=>to") changes voter `at` (0-based).
    private static string File(int count, string edit, int at = 2)
    {
        var text = new StringBuilder("""<?xml version="1.0" encoding="utf-8"?><EML xmlns="urn:oasis:names:tc:evs:schema:eml" xmlns:xnl="urn:oasis:names:tc:ciq:xsdschema:xNL:2.0" xmlns:be="urn:hybridvote:be:eml:1" xmlns:kr="http://www.kiesraad.nl/extensions" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" Id="330" SchemaVersion="5.0"><TransactionId>1</TransactionId><ElectionList><ListPurpose>hybrid-voters</ListPurpose>""");
        for (int i = 0; i < count; i++)
        {
            string voter = Voter;
            if (i == at && edit.Length > 0)
            {
                var parts = edit.Split("=>");
                Assert.Contains(parts[0], voter, StringComparison.Ordinal);
                voter = voter.Replace(parts[0], parts[1], StringComparison.Ordinal);
            }

            text.Append('\n').Append(voter.Replace("{NRN}", (85072700000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        }

        return text.Append("\n</ElectionList></EML>").ToString();
    }

    private static (string Outcome, string Warnings) Outcome(Func<EmlValidation> run)
    {
        try
        {
            var validation = run();
            return ("accepted", string.Join("; ", validation.Warnings));
        }
        catch (EmlValidationException e)
        {
            return ($"{e.Issue.Code} line {e.Issue.Line} element {e.Issue.Element}", string.Empty);
        }
    }
}
