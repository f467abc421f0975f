using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using HybridVote.Domain;

namespace HybridVote.Eml;

/// <summary>
/// Streaming readers for EML 110 (election event), 230 (candidate lists) and 330 (voters and the
/// in-person list) in the Belgian profile (FR001, TR002). Each repeated element is read on its own,
/// so a file is never held in memory whole.
/// </summary>
public static class EmlReader
{
    private static readonly XNamespace E = EmlNames.Eml;
    private static readonly XNamespace B = EmlNames.Be;

    /// <summary>Reads the elections of a 110 file.</summary>
    public static IReadOnlyList<ElectionDefinition> ReadElectionEvent(Stream stream, EmlValidation? validation = null)
    {
        var elections = new List<ElectionDefinition>();
        string eventId = string.Empty;
        using var reader = SafeXml.Open(stream, validation);
        foreach (var element in Elements(reader, "EventIdentifier", "Election"))
        {
            if (element.Name.LocalName == "EventIdentifier")
            {
                eventId = Id(element);
            }
            else
            {
                elections.Add(ToElection(eventId, element));
            }
        }

        return elections;
    }

    /// <summary>Reads the candidate lists of a 230 file.</summary>
    public static IEnumerable<CandidateListDefinition> ReadCandidateLists(Stream stream, EmlValidation? validation = null)
    {
        using var reader = SafeXml.Open(stream, validation);
        string electionId = string.Empty;
        foreach (var element in Elements(reader, "ElectionIdentifier", "Contest"))
        {
            if (element.Name.LocalName == "ElectionIdentifier")
            {
                electionId = Id(element);
            }
            else
            {
                var contest = element;
                string contestId = Id(contest.Element(E + "ContestIdentifier"));
                foreach (var affiliation in contest.Elements(E + "Affiliation"))
                {
                    yield return ToList(electionId, contestId, affiliation);
                }
            }
        }
    }

    /// <summary>Reads the voters of a 330 file, one VoterDetails at a time, with the line each starts on.</summary>
    public static IEnumerable<(VoterEntry Voter, int Line)> ReadVoters(Stream stream, EmlValidation? validation = null)
    {
        using var reader = SafeXml.Open(stream, validation);
        foreach (var (details, line) in LocatedElements(reader, "VoterDetails"))
        {
            var voter = details.Descendants(E + "Voter").First();
            var name = voter.Descendants(EmlNames.Xnl + "PersonName").First();
            string nrn = Id(voter.Element(E + "VoterIdentification"));
            var language = Languages.Parse(voter.Element(B + "Language")?.Value);
            foreach (var election in details.Elements(E + "Election"))
            {
                yield return (new VoterEntry(nrn, name.Element(EmlNames.Xnl + "FirstName")?.Value ?? string.Empty,
                    name.Element(EmlNames.Xnl + "LastName")?.Value ?? string.Empty, language,
                    Id(election.Element(E + "ElectionIdentifier")), Id(election.Element(E + "ContestIdentifier"))), line);
            }
        }
    }

    /// <summary>Reads the national numbers of an in-person list (a 330 file with ListPurpose "in-person").</summary>
    public static IEnumerable<string> ReadInPersonVoters(Stream stream, EmlValidation? validation = null)
    {
        using var reader = SafeXml.Open(stream, validation);
        foreach (var identification in Elements(reader, "VoterIdentification"))
        {
            yield return Id(identification);
        }
    }

    /// <summary>Yields each EML element with one of <paramref name="names"/>, read whole, in document order.</summary>
    private static IEnumerable<XElement> Elements(XmlReader reader, params string[] names) => LocatedElements(reader, names).Select(x => x.Element);

    /// <summary>Like <see cref="Elements"/>, with the line each element starts on.</summary>
    private static IEnumerable<(XElement Element, int Line)> LocatedElements(XmlReader reader, params string[] names)
    {
        var lineInfo = (IXmlLineInfo)reader;
        reader.MoveToContent();
        while (!reader.EOF)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.NamespaceURI == E.NamespaceName && names.Contains(reader.LocalName))
            {
                int line = lineInfo.LineNumber;
                yield return ((XElement)XNode.ReadFrom(reader), line);
            }
            else
            {
                reader.Read();
            }
        }
    }

    private static ElectionDefinition ToElection(string eventId, XElement election)
    {
        var identifier = election.Element(E + "ElectionIdentifier")!;
        var calendar = election.Element(B + "Calendar") ?? throw new FormatException("Election has no be:Calendar");
        var contests = election.Elements(E + "Contest").Select(c =>
        {
            var ext = c.Element(B + "Contest") ?? throw new FormatException("Contest has no be:Contest");
            var bureau = ext.Element(B + "MainBureau")!;
            return new ContestDefinition(Id(c.Element(E + "ContestIdentifier")), c.Element(E + "ContestIdentifier")!.Element(E + "ContestName")?.Value ?? string.Empty,
                (string?)ext.Attribute("Languages") ?? "fr", int.Parse(c.Element(E + "NumberOfPositions")?.Value ?? "0", CultureInfo.InvariantCulture),
                new BureauDefinition((string)bureau.Attribute("Id")!, (string)bureau.Attribute("Name")!, (string)bureau.Attribute("Address")!));
        }).ToList();
        return new ElectionDefinition(eventId, Id(identifier), identifier.Element(E + "ElectionName")?.Value ?? string.Empty,
            new ElectionCalendar(Instant(calendar, "IssueFrom"), Instant(calendar, "IssueUntil"), Instant(calendar, "InPersonClose"), Instant(calendar, "ValidatedAt")),
            contests);
    }

    private static CandidateListDefinition ToList(string electionId, string contestId, XElement affiliation)
    {
        var identifier = affiliation.Element(E + "AffiliationIdentifier")!;
        int number = int.Parse(Id(identifier), CultureInfo.InvariantCulture);
        var candidates = affiliation.Elements(E + "Candidate").ToList();
        static string Name(XElement candidate)
        {
            var person = candidate.Descendants(EmlNames.Xnl + "PersonName").First();
            return $"{person.Element(EmlNames.Xnl + "LastName")?.Value} {person.Element(EmlNames.Xnl + "FirstName")?.Value}".Trim();
        }

        bool IsSubstitute(XElement c) => c.Element(B + "Substitute") is not null;
        return new CandidateListDefinition(electionId, contestId, number, identifier.Element(E + "RegisteredName")?.Value ?? string.Empty,
            candidates.Where(c => !IsSubstitute(c)).Select(Name).ToList(), candidates.Where(IsSubstitute).Select(Name).ToList());
    }

    private static string Id(XElement? element) => (string?)element?.Attribute("Id") ?? throw new FormatException($"{element?.Name.LocalName ?? "identifier"} has no Id");

    private static DateTimeOffset Instant(XElement element, string attribute) =>
        DateTimeOffset.Parse((string?)element.Attribute(attribute) ?? throw new FormatException($"Calendar has no {attribute}"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
