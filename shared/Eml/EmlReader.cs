using System.Globalization;
using System.Text;
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
        foreach (var (element, line) in LocatedElements(reader, "ElectionIdentifier", "Contest"))
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
                    yield return ToList(electionId, contestId, affiliation, line);
                }
            }
        }
    }

    /// <summary>
    /// Reads the voters of a 330 file with the line each VoterDetails starts on. Each VoterDetails is
    /// read whole into a reused buffer and validated as a record (<see cref="StreamValidator"/>):
    /// at national size (8.2 million voters) the parse and the validation dominate the import.
    /// </summary>
    public static IEnumerable<(ListedVoter Voter, int Line)> ReadVoters(Stream stream, EmlValidation? validation = null)
    {
        using var reader = SafeXml.Open(stream);
        var names = new Names(reader.NameTable);
        var schema = validation is null ? null : new StreamValidator(reader, validation);
        var record = new XmlRecord();
        var displayOrders = validation?.ReaderChecksIdentityConstraints == true ? new HashSet<string>(StringComparer.Ordinal) : null;
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && ReferenceEquals(reader.LocalName, names.VoterDetails) && ReferenceEquals(reader.NamespaceURI, names.Eml))
            {
                record.Load(reader, MaxDepth);
                schema?.Record(record);
                var voter = ToVoter(record, names, displayOrders);
                yield return (voter, record.Nodes[0].Line);
                continue;
            }

            if (reader.NodeType == XmlNodeType.Element)
            {
                if (reader.Depth > MaxDepth)
                {
                    throw XmlRecord.Refused(reader, $"elements nested deeper than {MaxDepth} levels");
                }

                if (displayOrders is not null && reader.HasAttributes)
                {
                    var at = (IXmlLineInfo)reader;
                    CheckDisplayOrder(reader.GetAttribute("DisplayOrder"), displayOrders, at.LineNumber, at.LinePosition, reader.LocalName);
                }
            }

            schema?.Node();
        }

        schema?.End();
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

    /// <summary>Nesting deeper than this is refused (E100): no EML message needs more than a dozen levels.</summary>
    public const int MaxDepth = 32;

    /// <summary>Longest name, address or identifier accepted (E106).</summary>
    public const int MaxValueLength = 500;

    private static string Value(string value, string what, int line) =>
        value.Length <= MaxValueLength ? value : throw new FormatException($"line {line}: {what} is longer than {MaxValueLength} characters");

    // The EML root's xs:unique "DisplayOrder" (selector .//*, field @DisplayOrder), checked here for 330 files.
    private static void CheckDisplayOrder(string? order, HashSet<string> seen, int line, int position, string element)
    {
        if (order is not null && !seen.Add(order))
        {
            throw EmlValidation.Violation(line, position, element, $"DisplayOrder {order} is used twice (xs:unique DisplayOrder of the EML root)");
        }
    }

    private static ListedVoter ToVoter(XmlRecord record, Names names, HashSet<string>? displayOrders)
    {
        string nrn = string.Empty, given = string.Empty, surname = string.Empty, address = string.Empty, source = string.Empty, language = string.Empty;
        string? election = null;
        int line = record.Nodes[0].Line;
        var contests = new List<VoterContest>(4);
        var nodes = record.Nodes;
        for (int i = 0; i < nodes.Length; i++)
        {
            ref readonly var node = ref nodes[i];
            if (node.Type != XmlNodeType.Element)
            {
                continue;
            }

            if (displayOrders is not null && node.AttributeCount > 0)
            {
                CheckDisplayOrder(record.AttributeOf(i, "DisplayOrder"), displayOrders, node.Line, node.Position, node.LocalName);
            }

            string name = node.LocalName, ns = node.Namespace;
            if (ReferenceEquals(ns, names.Xnl) && (ReferenceEquals(name, names.FirstName) || ReferenceEquals(name, names.LastName)))
            {
                string value = Value(record.TextOf(i), "a name", line);
                if (ReferenceEquals(name, names.FirstName)) { given = value; } else { surname = value; }
            }
            else if (ReferenceEquals(ns, names.Be) && ReferenceEquals(name, names.Language))
            {
                language = record.TextOf(i);
            }
            else if (ReferenceEquals(ns, names.Be) && ReferenceEquals(name, names.Residence))
            {
                source = Value(record.AttributeOf(i, "Source") ?? string.Empty, "the source", line);
                address = Value(record.AttributeOf(i, "Address") ?? string.Empty, "the address", line);
            }
            else if (ReferenceEquals(ns, names.Eml) && ReferenceEquals(name, names.VoterIdentification))
            {
                nrn = Value(record.AttributeOf(i, "Id") ?? throw new FormatException($"line {line}: VoterIdentification has no Id"), "the national number", line);
            }
            else if (ReferenceEquals(ns, names.Eml) && ReferenceEquals(name, names.ElectionIdentifier))
            {
                election = record.AttributeOf(i, "Id") ?? throw new FormatException($"line {line}: ElectionIdentifier has no Id");
                contests.Add(new VoterContest(election, string.Empty));
            }
            else if (ReferenceEquals(ns, names.Eml) && ReferenceEquals(name, names.ContestIdentifier) && election is not null)
            {
                contests[^1] = contests[^1] with { ContestId = record.AttributeOf(i, "Id") ?? throw new FormatException($"line {line}: ContestIdentifier has no Id") };
            }
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
                var element = (XElement)XNode.ReadFrom(reader);
                if (element.Descendants().Any(d => d.Ancestors().Count() > MaxDepth))
                {
                    throw EmlValidationException.Of(new EmlIssue("E100", line, 0, element.Name.LocalName, $"elements nested deeper than {MaxDepth} levels"));
                }

                yield return (element, line);
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
                new BureauDefinition((string)bureau.Attribute("Id")!, (string)bureau.Attribute("Name")!, (string)bureau.Attribute("Address")!), LocalNamesOf(ext));
        }).ToList();
        return new ElectionDefinition(eventId, Id(identifier), identifier.Element(E + "ElectionName")?.Value ?? string.Empty,
            new ElectionCalendar(Instant(calendar, "IssueFrom"), Instant(calendar, "IssueUntil"), Instant(calendar, "InPersonClose"), Instant(calendar, "ValidatedAt")),
            contests, LocalNamesOf(election.Element(B + "Names")));
    }

    // be:Name xml:lang="fr|nl|de" children: the name in each national language; other languages are not printed.
    private static LocalNames? LocalNamesOf(XElement? parent)
    {
        var names = (parent?.Elements(B + "Name") ?? [])
            .Select(n => (Lang: ((string?)n.Attribute(XNamespace.Xml + "lang") ?? string.Empty).Trim().ToLowerInvariant(), n.Value))
            .Where(n => n.Lang is "fr" or "nl" or "de")
            .Select(n => KeyValuePair.Create(Languages.Parse(n.Lang), n.Value)).ToList();
        return names.Count == 0 ? null : new LocalNames(names);
    }

    private static CandidateListDefinition ToList(string electionId, string contestId, XElement affiliation, int line)
    {
        var identifier = affiliation.Element(E + "AffiliationIdentifier")!;
        int number = int.Parse(Id(identifier), CultureInfo.InvariantCulture);
        var candidates = affiliation.Elements(E + "Candidate").ToList();
        CheckOrder(contestId, number, candidates, line);
        static string Name(XElement candidate)
        {
            var person = candidate.Descendants(EmlNames.Xnl + "PersonName").First();
            // NFC: a name decomposed in the file prints and reads back as the same letters (TR003).
            return $"{person.Element(EmlNames.Xnl + "LastName")?.Value} {person.Element(EmlNames.Xnl + "FirstName")?.Value}".Trim().Normalize(NormalizationForm.FormC);
        }

        bool IsSubstitute(XElement c) => c.Element(B + "Substitute") is not null;
        return new CandidateListDefinition(electionId, contestId, number, (identifier.Element(E + "RegisteredName")?.Value ?? string.Empty).Normalize(NormalizationForm.FormC),
            candidates.Where(c => !IsSubstitute(c)).Select(Name).ToList(), candidates.Where(IsSubstitute).Select(Name).ToList());
    }

    // E104: candidates are numbered 1, 2, 3… in the order of the ballot, effective candidates before substitutes.
    private static void CheckOrder(string contestId, int list, List<XElement> candidates, int line)
    {
        bool substitutes = false;
        for (int i = 0; i < candidates.Count; i++)
        {
            string? id = (string?)candidates[i].Element(E + "CandidateIdentifier")?.Attribute("Id");
            string? problem = id != (i + 1).ToString(CultureInfo.InvariantCulture)
                ? $"candidate {i + 1} of the order carries number {id ?? "(none)"}: the numbers must run 1, 2, 3… without gaps"
                : substitutes && candidates[i].Element(B + "Substitute") is null ? $"effective candidate {i + 1} comes after a substitute" : null;
            if (problem is not null)
            {
                throw EmlValidationException.Of(new EmlIssue("E104", line, 0, "Candidate", $"list {list} of constituency {contestId}: {problem}"));
            }

            substitutes |= candidates[i].Element(B + "Substitute") is not null;
        }
    }

    private static string Id(XElement? element) => (string?)element?.Attribute("Id") ?? throw new FormatException($"{element?.Name.LocalName ?? "identifier"} has no Id");

    private static DateTimeOffset Instant(XElement element, string attribute) =>
        DateTimeOffset.Parse((string?)element.Attribute(attribute) ?? throw new FormatException($"Calendar has no {attribute}"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
