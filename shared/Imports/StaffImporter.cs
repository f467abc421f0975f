using HybridVote.Domain;
using HybridVote.Storage;

namespace HybridVote.Imports;

/// <summary>
/// Loads a signed bureau composition (FR011; the composition itself is produced elsewhere, OUT): a
/// CSV file with the header <c>national_number,role,election,bureau</c>, one role per line. Every
/// line is read and checked before anything is written, and the roles are given in one
/// transaction — all of them or, at the first line the rules refuse, none. Refusals name the line,
/// never the national number.
/// </summary>
public sealed class StaffImporter(StaffStore staff, Pseudonyms pseudonyms)
{
    /// <summary>The header the file must start with.</summary>
    public const string Header = "national_number,role,election,bureau";

    /// <summary>Reads and checks every line; throws <see cref="ImportRefused"/> at the first bad one.</summary>
    public static IReadOnlyList<(int Line, string NationalNumber, StaffAssignment Role)> Read(Stream stream)
    {
        using var reader = new StreamReader(stream, leaveOpen: true);
        if (reader.ReadLine()?.Trim().TrimStart('\uFEFF') != Header)
        {
            throw new ImportRefused("E201", 1, $"the first line must be the header {Header}");
        }

        var lines = new List<(int, string, StaffAssignment)>();
        int number = 1;
        while (reader.ReadLine() is { } text)
        {
            number++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            string[] fields = text.Split(',');
            if (fields.Length != 4 || fields.Any(f => f.Length > 100))
            {
                throw new ImportRefused("E201", number, "a line has four fields: national_number,role,election,bureau (bureau empty for organiser, auditor and operator)");
            }

            if (!NationalNumber.TryNormalize(fields[0].Trim(), out var nrn))
            {
                throw new ImportRefused("E109", number, "the national number fails its mod-97 check");
            }

            if (StaffRules.FromCode(fields[1].Trim()) is not { } role)
            {
                throw new ImportRefused("E202", number, $"the role is not one of {string.Join(", ", StaffRules.All.Select(r => r.Code()))}");
            }

            string bureau = fields[3].Trim();
            lines.Add((number, nrn, new StaffAssignment(role, fields[2].Trim(), bureau.Length == 0 ? null : bureau)));
        }

        return lines;
    }

    /// <summary>Gives every role of the file in one transaction with the record of the file; throws <see cref="ImportRefused"/> (E203) and writes nothing when one is refused.</summary>
    public async Task<int> LoadAsync(IReadOnlyList<(int Line, string NationalNumber, StaffAssignment Role)> lines, ImportSource source, string actor, CancellationToken ct = default)
    {
        var refused = await staff.AssignAllAsync([.. lines.Select(l => (pseudonyms.StaffKey(l.NationalNumber), l.Role))], actor,
            (conn, tx) => ImportFiles.RecordAsync(conn, tx, [source], actor, lines.Count, ct), ct);
        if (refused is { } r)
        {
            throw new ImportRefused("E203", lines[r.Index].Line, r.Reason);
        }

        return lines.Count;
    }
}
