using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using HybridVote.Domain;
using HybridVote.ElectionResults;

namespace HybridVote.Eml;

/// <summary>A count read back from an EML 510 file: the constituency's figures by tally field (both, and abroad), and each reporting unit's.</summary>
public sealed record CountFile(string ElectionId, string ContestId, IReadOnlyDictionary<string, long> Combined, IReadOnlyDictionary<string, long> Abroad,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> Units);

/// <summary>
/// EML 510 (count) in the Belgian profile (docs/eml-profile.md; REQUIREMENTS §6: the counts handed
/// back to the general election module): per constituency with one ReportingUnitVotes per counting
/// bureau, or per bureau. Byte-deterministic: the same locks give the same bytes (the issue date is
/// the day of the last lock, no clock is read). Valid against the unmodified OASIS 510 schema.
/// </summary>
public static class EmlCount
{
    private static readonly string E = EmlNames.Eml.NamespaceName;
    private static readonly XNamespace En = EmlNames.Eml;

    /// <summary>The CountMetric type of a figure of voters abroad.</summary>
    public const string AbroadMetric = "abroad";

    /// <summary>The constituency's 510: totals of all its locked bureaus, then one reporting unit per bureau.</summary>
    public static void WriteConstituency(Stream stream, ConstituencyCount count) =>
        Write(stream, count, count.Combined, count.Abroad, [.. count.Bureaus.Select(b => (b.Id, b.Name, b.Sheet))]);

    /// <summary>One bureau's 510: its locked figures as the contest's totals.</summary>
    public static void WriteBureau(Stream stream, ConstituencyCount count, BureauCount bureau) =>
        Write(stream, count, bureau.Sheet, bureau.Abroad ? bureau.Sheet : Zero, []);

    private static readonly TallySheet Zero = new(new Dictionary<string, long>());

    private static void Write(Stream stream, ConstituencyCount count, TallySheet totals, TallySheet abroad, IReadOnlyList<(string Id, string Name, TallySheet Sheet)> units)
    {
        var h = count.Header;
        using var w = EmlWriter.Start(stream, "510", issued: DateOnly.FromDateTime(count.LastLock.UtcDateTime));
        w.WriteStartElement("Count", E);
        EmlWriter.Identifier(w, "EventIdentifier", h.EventId, null, null);
        w.WriteStartElement("Election", E);
        EmlWriter.Identifier(w, "ElectionIdentifier", h.ElectionId, "ElectionName", h.ElectionName);
        w.WriteStartElement("Contests", E);
        w.WriteStartElement("Contest", E);
        EmlWriter.Identifier(w, "ContestIdentifier", h.ContestId, "ContestName", h.ContestName);
        w.WriteStartElement("CountQualifier", E);
        w.WriteElementString("Final", E, "yes");
        w.WriteEndElement();
        w.WriteStartElement("TotalVotes", E);
        Votes(w, count, totals, abroad);
        w.WriteEndElement();
        foreach (var (id, name, sheet) in units)
        {
            w.WriteStartElement("ReportingUnitVotes", E);
            w.WriteStartElement("ReportingUnitIdentifier", E);
            w.WriteAttributeString("Id", id);
            w.WriteString(name);
            w.WriteEndElement();
            Votes(w, count, sheet, null);
            w.WriteEndElement();
        }

        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndDocument();
    }

    // The VoteGroup: the doubtful-validated ballots and the abroad figures of R, the classes and V as
    // metrics, a Selection per list then per candidate, Cast (R), TotalCounted (V) and the rejected
    // classes. Every figure of voters abroad is a CountMetric of Type "abroad" whose Id is the field.
    private static void Votes(XmlWriter w, ConstituencyCount count, TallySheet sheet, TallySheet? abroad)
    {
        Metric(w, BallotClassification.DoubtfulValidated.Code(), null, sheet[TallyLayout.Class(BallotClassification.DoubtfulValidated)]);
        if (abroad is not null)
        {
            foreach (string field in (string[])[TallyLayout.Opened, .. BallotClassifications.All.Select(TallyLayout.Class), TallyLayout.Valid])
            {
                Metric(w, AbroadMetric, field, abroad[field]);
            }
        }

        foreach (var list in count.Lists)
        {
            w.WriteStartElement("Selection", E);
            EmlWriter.Identifier(w, "AffiliationIdentifier", list.Number.ToString(CultureInfo.InvariantCulture), "RegisteredName", list.Name);
            w.WriteElementString("ValidVotes", E, N(sheet[TallyLayout.ListTotal(list.Number)]));
            Metric(w, "list-only", null, sheet[TallyLayout.ListOnly(list.Number)]);
            Metric(w, "with-preferences", null, sheet[TallyLayout.WithPreferences(list.Number)]);
            if (abroad is not null)
            {
                foreach (string field in (string[])[TallyLayout.ListTotal(list.Number), TallyLayout.ListOnly(list.Number), TallyLayout.WithPreferences(list.Number)])
                {
                    Metric(w, AbroadMetric, field, abroad[field]);
                }
            }

            w.WriteEndElement();
            int id = 0;
            foreach (string key in Candidates(list))
            {
                w.WriteStartElement("Selection", E);
                w.WriteStartElement("Candidate", E);
                EmlWriter.Identifier(w, "CandidateIdentifier", (++id).ToString(CultureInfo.InvariantCulture), null, null);
                w.WriteEndElement();
                EmlWriter.Identifier(w, "AffiliationIdentifier", list.Number.ToString(CultureInfo.InvariantCulture), "RegisteredName", list.Name);
                w.WriteElementString("ValidVotes", E, N(sheet[key]));
                if (abroad is not null)
                {
                    Metric(w, AbroadMetric, key, abroad[key]);
                }

                w.WriteEndElement();
            }
        }

        w.WriteElementString("Cast", E, N(sheet[TallyLayout.Opened]));
        w.WriteElementString("TotalCounted", E, N(sheet[TallyLayout.Valid]));
        foreach (var c in (BallotClassification[])[BallotClassification.BlankOrInvalid, BallotClassification.DoubtfulCancelled, BallotClassification.RejectedVotedInPerson])
        {
            w.WriteStartElement("RejectedVotes", E);
            w.WriteAttributeString("ReasonCode", c.Code());
            w.WriteString(N(sheet[TallyLayout.Class(c)]));
            w.WriteEndElement();
        }
    }

    // A list's candidate keys in the numbering of the 230 file: effectives 1…E, then substitutes E+1….
    private static IEnumerable<string> Candidates(CandidateListDefinition list) =>
        Enumerable.Range(1, list.Effective.Count).Select(p => TallyLayout.Candidate(list.Number, false, p))
            .Concat(Enumerable.Range(1, list.Substitutes.Count).Select(p => TallyLayout.Candidate(list.Number, true, p)));

    private static void Metric(XmlWriter w, string type, string? id, long value)
    {
        w.WriteStartElement("CountMetric", E);
        w.WriteAttributeString("Type", type);
        if (id is not null)
        {
            w.WriteAttributeString("Id", id);
        }

        w.WriteString(N(value));
        w.WriteEndElement();
    }

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads a 510 file of this profile back, validating it against the OASIS 510 schema while
    /// reading (E101 on a violation); <paramref name="lists"/> give the candidate numbering.
    /// </summary>
    public static CountFile Read(Stream stream, IReadOnlyList<CandidateListDefinition> lists)
    {
        using var reader = SafeXml.Open(stream, new EmlValidation("510"));
        var doc = XDocument.Load(reader, LoadOptions.SetLineInfo);
        var election = doc.Descendants(En + "Election").Single();
        var contest = election.Descendants(En + "Contest").Single();
        var abroad = new Dictionary<string, long>(StringComparer.Ordinal);
        var combined = Figures(contest.Element(En + "TotalVotes")!, lists, abroad);
        var units = contest.Elements(En + "ReportingUnitVotes").ToDictionary(
            u => (string)u.Element(En + "ReportingUnitIdentifier")!.Attribute("Id")!, u => (IReadOnlyDictionary<string, long>)Figures(u, lists, null), StringComparer.Ordinal);
        return new CountFile((string)election.Element(En + "ElectionIdentifier")!.Attribute("Id")!, (string)contest.Element(En + "ContestIdentifier")!.Attribute("Id")!,
            combined, abroad, units);
    }

    private static Dictionary<string, long> Figures(XElement group, IReadOnlyList<CandidateListDefinition> lists, Dictionary<string, long>? abroad)
    {
        var figures = new Dictionary<string, long>(StringComparer.Ordinal);
        static long L(XElement e) => long.Parse(e.Value, CultureInfo.InvariantCulture);
        foreach (var metric in group.Elements(En + "CountMetric"))
        {
            if ((string?)metric.Attribute("Type") == AbroadMetric && abroad is not null)
            {
                abroad[(string)metric.Attribute("Id")!] = L(metric);
            }
            else if (BallotClassifications.FromCode((string?)metric.Attribute("Type")) is { } c)
            {
                figures[TallyLayout.Class(c)] = L(metric);
            }
        }

        foreach (var selection in group.Elements(En + "Selection"))
        {
            int list = int.Parse((string)selection.Element(En + "AffiliationIdentifier")!.Attribute("Id")!, CultureInfo.InvariantCulture);
            var candidate = selection.Element(En + "Candidate");
            string key;
            if (candidate is null)
            {
                key = TallyLayout.ListTotal(list);
                foreach (var metric in selection.Elements(En + "CountMetric"))
                {
                    switch ((string?)metric.Attribute("Type"))
                    {
                        case "list-only": figures[TallyLayout.ListOnly(list)] = L(metric); break;
                        case "with-preferences": figures[TallyLayout.WithPreferences(list)] = L(metric); break;
                    }
                }
            }
            else
            {
                int id = int.Parse((string)candidate.Element(En + "CandidateIdentifier")!.Attribute("Id")!, CultureInfo.InvariantCulture);
                int effective = lists.Single(l => l.Number == list).Effective.Count;
                key = id <= effective ? TallyLayout.Candidate(list, false, id) : TallyLayout.Candidate(list, true, id - effective);
            }

            figures[key] = L(selection.Element(En + "ValidVotes")!);
            foreach (var metric in selection.Elements(En + "CountMetric").Where(m => abroad is not null && (string?)m.Attribute("Type") == AbroadMetric))
            {
                abroad![(string?)metric.Attribute("Id") ?? key] = L(metric);
            }
        }

        figures[TallyLayout.Opened] = L(group.Element(En + "Cast")!);
        figures[TallyLayout.Valid] = L(group.Element(En + "TotalCounted")!);
        foreach (var rejected in group.Elements(En + "RejectedVotes"))
        {
            figures[TallyLayout.Class(BallotClassifications.FromCode((string)rejected.Attribute("ReasonCode")!) ?? throw new InvalidDataException("unknown ReasonCode"))] = L(rejected);
        }

        // V counts the valid and the doubtful-validated ballots (F.102): the valid class is the rest.
        figures[TallyLayout.Class(BallotClassification.Valid)] = figures[TallyLayout.Valid] - figures.GetValueOrDefault(TallyLayout.Class(BallotClassification.DoubtfulValidated));
        return figures;
    }
}
