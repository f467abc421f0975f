using System.Globalization;
using System.Xml;
using HybridVote.Domain;

namespace HybridVote.Eml;

/// <summary>Writes EML 110, 230 and 330 files in the Belgian profile (synthetic data, exports).</summary>
public static class EmlWriter
{
    private static readonly string E = EmlNames.Eml.NamespaceName;
    private static readonly string X = EmlNames.Xnl.NamespaceName;
    private static readonly string B = EmlNames.Be.NamespaceName;

    /// <summary>An election event (110) with its elections, constituencies and calendars.</summary>
    public static void WriteElectionEvent(Stream stream, string eventId, string eventName, IReadOnlyList<ElectionDefinition> elections, DateOnly? issued = null)
    {
        using var w = Start(stream, "110", issued: issued);
        w.WriteStartElement("ElectionEvent", E);
        w.WriteStartElement("EventIdentifier", E);
        w.WriteAttributeString("Id", eventId);
        w.WriteElementString("EventName", E, eventName);
        w.WriteEndElement();
        foreach (var election in elections)
        {
            w.WriteStartElement("Election", E);
            Identifier(w, "ElectionIdentifier", election.Id, "ElectionName", election.Name);
            foreach (var contest in election.Contests)
            {
                w.WriteStartElement("Contest", E);
                Identifier(w, "ContestIdentifier", contest.Id, "ContestName", contest.Name);
                w.WriteElementString("VotingMethod", E, "OPV");
                w.WriteElementString("MaxVotes", E, contest.Seats.ToString(CultureInfo.InvariantCulture));
                w.WriteElementString("NumberOfPositions", E, contest.Seats.ToString(CultureInfo.InvariantCulture));
                w.WriteStartElement("Contest", B);
                w.WriteAttributeString("Languages", contest.Languages);
                w.WriteStartElement("MainBureau", B);
                w.WriteAttributeString("Id", contest.MainBureau.Id);
                w.WriteAttributeString("Name", contest.MainBureau.Name);
                w.WriteAttributeString("Address", contest.MainBureau.Address);
                w.WriteEndElement();
                Names(w, contest.Names);
                w.WriteEndElement();
                w.WriteEndElement();
            }

            var c = election.Calendar;
            w.WriteStartElement("Calendar", B);
            w.WriteAttributeString("IssueFrom", Iso(c.IssueFrom));
            w.WriteAttributeString("IssueUntil", Iso(c.IssueUntil));
            w.WriteAttributeString("InPersonClose", Iso(c.InPersonClose));
            w.WriteAttributeString("ValidatedAt", Iso(c.ValidatedAt));
            w.WriteEndElement();
            if (election.Names is { Languages.Count: > 0 })
            {
                w.WriteStartElement("Names", B);
                Names(w, election.Names);
                w.WriteEndElement();
            }

            w.WriteEndElement();
        }

        w.WriteEndElement();
        w.WriteEndElement();
    }

    // be:Name xml:lang for each language a name is given in.
    private static void Names(XmlWriter w, LocalNames? names)
    {
        foreach (var language in names?.Languages ?? [])
        {
            w.WriteStartElement("Name", B);
            w.WriteAttributeString("xml", "lang", null, language.Code());
            w.WriteString(names!.In(language, string.Empty));
            w.WriteEndElement();
        }
    }

    /// <summary>Candidate lists (230) of one election; substitutes carry a be:Substitute element.</summary>
    public static void WriteCandidateLists(Stream stream, string electionId, IReadOnlyList<CandidateListDefinition> lists, DateOnly? issued = null)
    {
        using var w = Start(stream, "230", issued: issued);
        w.WriteStartElement("CandidateList", E);
        w.WriteStartElement("Election", E);
        Identifier(w, "ElectionIdentifier", electionId, null, null);
        foreach (var contest in lists.GroupBy(l => l.ContestId))
        {
            w.WriteStartElement("Contest", E);
            Identifier(w, "ContestIdentifier", contest.Key, null, null);
            foreach (var list in contest.OrderBy(l => l.Number))
            {
                w.WriteStartElement("Affiliation", E);
                Identifier(w, "AffiliationIdentifier", list.Number.ToString(CultureInfo.InvariantCulture), "RegisteredName", list.Name);
                w.WriteElementString("Type", E, "list");
                int id = 0;
                foreach (var (name, substitute) in list.Effective.Select(n => (n, false)).Concat(list.Substitutes.Select(n => (n, true))))
                {
                    w.WriteStartElement("Candidate", E);
                    Identifier(w, "CandidateIdentifier", (++id).ToString(CultureInfo.InvariantCulture), null, null);
                    w.WriteStartElement("CandidateFullName", E);
                    int split = name.LastIndexOf(' ');
                    PersonName(w, split < 0 ? string.Empty : name[(split + 1)..], split < 0 ? name : name[..split]);
                    w.WriteEndElement();
                    if (substitute)
                    {
                        w.WriteElementString("Substitute", B, string.Empty);
                    }

                    w.WriteEndElement();
                }

                w.WriteEndElement();
            }

            w.WriteEndElement();
        }

        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
    }

    /// <summary>
    /// An election list (330): one VoterDetails per line (so error messages can name the line),
    /// with the Belgian be:Language and be:Residence (source commune or post, label address).
    /// </summary>
    public static void WriteVoters(Stream stream, IEnumerable<ListedVoter> voters, DateOnly? issued = null)
    {
        using var w = Start(stream, "330", indent: false, issued);
        w.WriteStartElement("ElectionList", E);
        w.WriteElementString("ListPurpose", E, "hybrid-voters");
        foreach (var v in voters)
        {
            w.WriteWhitespace("\n");
            w.WriteStartElement("VoterDetails", E);
            w.WriteStartElement("VoterRegistration", E);
            w.WriteStartElement("Voter", E);
            w.WriteStartElement("VoterIdentification", E);
            w.WriteAttributeString("Id", v.NationalNumber);
            w.WriteStartElement("VoterName", E);
            PersonName(w, v.GivenName, v.Surname);
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteElementString("Language", B, v.Language.Code());
            w.WriteStartElement("Residence", B);
            w.WriteAttributeString("Source", v.Source);
            w.WriteAttributeString("Address", v.Address);
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
            foreach (var contest in v.Contests)
            {
                w.WriteStartElement("Election", E);
                Identifier(w, "ElectionIdentifier", contest.ElectionId, null, null);
                Identifier(w, "ContestIdentifier", contest.ContestId, null, null);
                w.WriteEndElement();
            }

            w.WriteEndElement();
        }

        w.WriteWhitespace("\n");
        w.WriteEndElement();
        w.WriteEndElement();
    }

    /// <summary>The in-person list: a 330 file with ListPurpose "in-person" and only the voters' identifications.</summary>
    public static void WriteInPerson(Stream stream, string electionId, IEnumerable<string> nationalNumbers, DateOnly? issued = null)
    {
        using var w = Start(stream, "330", indent: false, issued);
        w.WriteStartElement("ElectionList", E);
        w.WriteElementString("ListPurpose", E, "in-person");
        foreach (var nrn in nationalNumbers)
        {
            w.WriteWhitespace("\n");
            w.WriteStartElement("VoterDetails", E);
            w.WriteStartElement("VoterRegistration", E);
            w.WriteStartElement("Voter", E);
            w.WriteStartElement("VoterIdentification", E);
            w.WriteAttributeString("Id", nrn);
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteStartElement("Election", E);
            Identifier(w, "ElectionIdentifier", electionId, null, null);
            w.WriteEndElement();
            w.WriteEndElement();
        }

        w.WriteEndElement();
        w.WriteEndElement();
    }

    /// <summary>A writer positioned inside the EML root of message <paramref name="id"/>, after TransactionId and IssueDate.</summary>
    internal static XmlWriter Start(Stream stream, string id, bool indent = true, DateOnly? issued = null)
    {
        var w = XmlWriter.Create(stream, new XmlWriterSettings { Indent = indent, Encoding = new System.Text.UTF8Encoding(false), CloseOutput = false });
        w.WriteStartDocument();
        w.WriteStartElement("EML", E);
        w.WriteAttributeString("xmlns", "xnl", null, X);
        w.WriteAttributeString("xmlns", "be", null, B);
        w.WriteAttributeString("Id", id);
        w.WriteAttributeString("SchemaVersion", "5.0");
        w.WriteElementString("TransactionId", E, "1");
        w.WriteElementString("IssueDate", E, (issued ?? DateOnly.FromDateTime(DateTime.UtcNow)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        return w;
    }

    /// <summary>An identifier element with its Id and, when given, its name element.</summary>
    internal static void Identifier(XmlWriter w, string element, string id, string? nameElement, string? name)
    {
        w.WriteStartElement(element, E);
        w.WriteAttributeString("Id", id);
        if (nameElement is not null)
        {
            w.WriteElementString(nameElement, E, name);
        }

        w.WriteEndElement();
    }

    private static void PersonName(XmlWriter w, string given, string surname)
    {
        w.WriteStartElement("PersonName", X);
        w.WriteElementString("FirstName", X, given);
        w.WriteElementString("LastName", X, surname);
        w.WriteEndElement();
    }

    private static string Iso(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
