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

    /// <summary>
    /// Reads the voters of a 330 file with the line each VoterDetails starts on. A cursor over the
    /// reader, not a tree per voter: at national size (8.2 million voters) the parse dominates.
    /// </summary>
    public static IEnumerable<(ListedVoter Voter, int Line)> ReadVoters(Stream stream, EmlValidation? validation = null)
    {
        using var reader = SafeXml.Open(stream, validation);
        var names = new Names(reader.NameTable);
        var lineInfo = (IXmlLineInfo)reader;
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && ReferenceEquals(reader.LocalName, names.VoterDetails) && ReferenceEquals(reader.NamespaceURI, names.Eml))
            {
                int line = lineInfo.LineNumber;
                yield return (ReadVoterDetails(reader, names, line), line);
            }
        }
    }

    /// <summary>Reads the in-person list (a 330 file with ListPurpose "in-person"): national number, election and line of each entry.</summary>
    public static IEnumerable<(string NationalNumber, string ElectionId, int Line)> ReadInPersonVoters(Stream stream, EmlValidation? validation = null)
    {
        foreach (var (voter, line) in ReadVoters(stream, validation))
        {
            yield return (voter.NationalNumber, voter.Contests.Count > 0 ? voter.Contests[0].ElectionId : string.Empty, line);
        }
    }

    // Atomized names: element names are compared by reference, as XmlReader hands out the same instances.
    private sealed class Names(XmlNameTable table)
    {
        public readonly string Eml = table.Add(E.NamespaceName), Xnl = table.Add(EmlNames.Xnl.NamespaceName), Be = table.Add(B.NamespaceName);
        public readonly string VoterDetails = table.Add("VoterDetails"), VoterIdentification = table.Add("VoterIdentification"), FirstName = table.Add("FirstName"),
            LastName = table.Add("LastName"), Language = table.Add("Language"), Residence = table.Add("Residence"), ElectionIdentifier = table.Add("ElectionIdentifier"),
            ContestIdentifier = table.Add("ContestIdentifier");
    }

    private static ListedVoter ReadVoterDetails(XmlReader reader, Names names, int line)
    {
        int depth = reader.Depth;
        string nrn = string.Empty, given = string.Empty, surname = string.Empty, address = string.Empty, source = string.Empty, language = string.Empty;
        string? election = null;
        var contests = new List<VoterContest>(4);
        reader.Read();
        while (reader.Depth > depth)
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                reader.Read();
                continue;
            }

            string name = reader.LocalName, ns = reader.NamespaceURI;
            if (ReferenceEquals(ns, names.Xnl) && (ReferenceEquals(name, names.FirstName) || ReferenceEquals(name, names.LastName)))
            {
                string value = reader.ReadElementContentAsString();
                if (ReferenceEquals(name, names.FirstName)) { given = value; } else { surname = value; }
                continue;
            }

            if (ReferenceEquals(ns, names.Be) && ReferenceEquals(name, names.Language))
            {
                language = reader.ReadElementContentAsString();
                continue;
            }

            if (ReferenceEquals(ns, names.Be) && ReferenceEquals(name, names.Residence))
            {
                source = reader.GetAttribute("Source") ?? string.Empty;
                address = reader.GetAttribute("Address") ?? string.Empty;
            }
            else if (ReferenceEquals(ns, names.Eml) && ReferenceEquals(name, names.VoterIdentification))
            {
                nrn = reader.GetAttribute("Id") ?? throw new FormatException($"line {line}: VoterIdentification has no Id");
            }
            else if (ReferenceEquals(ns, names.Eml) && ReferenceEquals(name, names.ElectionIdentifier))
            {
                election = reader.GetAttribute("Id") ?? throw new FormatException($"line {line}: ElectionIdentifier has no Id");
                contests.Add(new VoterContest(election, string.Empty));
            }
            else if (ReferenceEquals(ns, names.Eml) && ReferenceEquals(name, names.ContestIdentifier) && election is not null)
            {
                contests[^1] = contests[^1] with { ContestId = reader.GetAttribute("Id") ?? throw new FormatException($"line {line}: ContestIdentifier has no Id") };
            }

            reader.Read();
        }

        return new ListedVoter(nrn, given, surname, address, Languages.Parse(language.Length == 0 ? null : language), source, contests);
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
