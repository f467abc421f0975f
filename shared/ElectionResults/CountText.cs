using System.Text;
using System.Text.Json;
using HybridVote.Domain;

namespace HybridVote.ElectionResults;

/// <summary>
/// A constituency's count as CSV and JSON, the same figures as its EML 510, for people and for the
/// results site: every field of the tally sheet in the sheet's order, with what it is (a class, a
/// list, a candidate's name), in Belgium, abroad and in total. Deterministic (UTF-8, no clock).
/// </summary>
public static class CountText
{
    /// <summary>The CSV header, in the order of <see cref="Csv"/>.</summary>
    public const string CsvHeader = "election,constituency,field,list,list_name,candidate,in_belgium,abroad,total";

    /// <summary>One line per field (RFC 4180, CRLF).</summary>
    public static string Csv(ConstituencyCount count)
    {
        var text = new StringBuilder(CsvHeader).Append("\r\n");
        foreach (var (field, list, candidate) in Fields(count))
        {
            text.AppendJoin(',', CsvText.Field(count.Header.ElectionId), CsvText.Field(count.Header.ContestId), CsvText.Field(field),
                list is null ? string.Empty : CsvText.Number(list.Number), CsvText.Field(list?.Name ?? string.Empty), CsvText.Field(candidate ?? string.Empty),
                CsvText.Number(count.InBelgium[field]), CsvText.Number(count.Abroad[field]), CsvText.Number(count.Combined[field])).Append("\r\n");
        }

        return text.ToString();
    }

    /// <summary>The count as JSON: the election, the constituency, the bureaus summed with their lock hashes, then every field.</summary>
    public static byte[] Json(ConstituencyCount count)
    {
        using var output = new MemoryStream();
        using (var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true }))
        {
            var h = count.Header;
            w.WriteStartObject();
            w.WriteString("event", h.EventId);
            w.WriteString("election", h.ElectionId);
            w.WriteString("electionName", h.ElectionName);
            w.WriteString("constituency", h.ContestId);
            w.WriteString("constituencyName", h.ContestName);
            w.WriteStartArray("bureaus");
            foreach (var b in count.Bureaus)
            {
                w.WriteStartObject();
                w.WriteString("id", b.Id);
                w.WriteString("name", b.Name);
                w.WriteBoolean("abroad", b.Abroad);
                w.WriteNumber("lockVersion", b.Lock.Version);
                w.WriteString("lockSha256", b.Lock.Sha256);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("fields");
            foreach (var (field, list, candidate) in Fields(count))
            {
                w.WriteStartObject();
                w.WriteString("field", field);
                if (list is not null)
                {
                    w.WriteNumber("list", list.Number);
                    w.WriteString("listName", list.Name);
                }

                if (candidate is not null)
                {
                    w.WriteString("candidate", candidate);
                }

                w.WriteNumber("inBelgium", count.InBelgium[field]);
                w.WriteNumber("abroad", count.Abroad[field]);
                w.WriteNumber("total", count.Combined[field]);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return output.ToArray();
    }

    // Every field in the sheet's order with its list and candidate's name, when it has them.
    private static IEnumerable<(string Field, CandidateListDefinition? List, string? Candidate)> Fields(ConstituencyCount count)
    {
        var lists = count.Lists.ToDictionary(l => l.Number);
        foreach (string field in count.Layout.Fields)
        {
            var parts = field.Split(':');
            if (parts.Length < 3 || parts[0] != "list" || !lists.TryGetValue(int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), out var list))
            {
                yield return (field, null, null);
                continue;
            }

            string? candidate = null;
            for (int p = 1; p <= list.Effective.Count && candidate is null; p++)
            {
                candidate = field == TallyLayout.Candidate(list.Number, false, p) ? list.Effective[p - 1] : null;
            }

            for (int p = 1; p <= list.Substitutes.Count && candidate is null; p++)
            {
                candidate = field == TallyLayout.Candidate(list.Number, true, p) ? list.Substitutes[p - 1] : null;
            }

            yield return (field, list, candidate);
        }
    }
}
