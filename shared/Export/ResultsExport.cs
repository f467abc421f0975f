using System.Security.Cryptography;
using System.Text;
using HybridVote.Ballots;
using HybridVote.ElectionResults;
using HybridVote.Eml;
using HybridVote.Hosting;
using HybridVote.Storage;
using Microsoft.Extensions.Options;

namespace HybridVote.Export;

/// <summary>Where a constituency's results stand.</summary>
public abstract record ResultsState
{
    private ResultsState()
    {
    }

    /// <summary>Before the in-person close or the election's embargo: nothing is read, computed or shown (FR012, TR014).</summary>
    public sealed record Embargoed(DateTimeOffset Until) : ResultsState;

    /// <summary>Some bureaus have not locked (or another refusal of the sum): no partial figure.</summary>
    public sealed record Waiting(AggregateRefusal Reason, IReadOnlyList<string> Bureaus) : ResultsState;

    /// <summary>Every bureau locked: the count.</summary>
    public sealed record Ready(ConstituencyCount Count) : ResultsState;
}

/// <summary>A file of a constituency's results: its name, media type and bytes.</summary>
public sealed record ExportFile(string Name, string MediaType, byte[] Bytes);

/// <summary>
/// The constituency's results for the general election module and for people (REQUIREMENTS §6,
/// OUT005): the EML 510 of the constituency and of each bureau with their detached signatures,
/// the hybrid PVs that carry the SHA-256 of their EML file, and CSV and JSON of the same figures.
/// The embargo is checked before any figure is read (FR012, TR014); an unlocked bureau holds the
/// whole constituency back.
/// </summary>
public sealed class ResultsExport(ElectionStore elections, ResultsStore results, TimeProvider clock, IOptions<HybridVoteOptions> options)
{
    /// <summary>Every constituency of the election with where its results stand; null when the election does not exist.</summary>
    public async Task<IReadOnlyList<(CountHeader Header, ResultsState State)>?> ElectionAsync(string electionId, CancellationToken ct = default)
    {
        var election = await elections.ElectionAsync(electionId, ct);
        if (election is null)
        {
            return null;
        }

        var headers = await results.HeadersAsync(electionId, ct);
        var states = new List<(CountHeader, ResultsState)>();
        foreach (var header in headers)
        {
            states.Add((header, await StateAsync(election.Calendar, header, ct)));
        }

        return states;
    }

    /// <summary>One constituency's state, or null when the election or the constituency does not exist.</summary>
    public async Task<ResultsState?> ConstituencyAsync(string electionId, string contestId, CancellationToken ct = default)
    {
        var election = await elections.ElectionAsync(electionId, ct);
        var header = election is null ? null : (await results.HeadersAsync(electionId, ct)).FirstOrDefault(h => h.ContestId == contestId);
        return header is null ? null : await StateAsync(election!.Calendar, header, ct);
    }

    private async Task<ResultsState> StateAsync(Domain.ElectionCalendar calendar, CountHeader header, CancellationToken ct)
    {
        if (!calendar.ResultsOpen(clock.GetUtcNow()))
        {
            return new ResultsState.Embargoed(calendar.ResultsOpenFrom);
        }

        var lists = await elections.ListsAsync(header.ElectionId, header.ContestId, ct);
        var (count, refused) = CountReports.Build(header, lists, await results.SheetsAsync(header.ElectionId, header.ContestId, ct));
        return count is not null ? new ResultsState.Ready(count) : new ResultsState.Waiting(refused!.Reason, refused.Bureaus);
    }

    /// <summary>The files of a ready constituency, signed with the deployment's results signing key.</summary>
    public IReadOnlyList<ExportFile> Files(ConstituencyCount count)
    {
        using var key = SigningKey();
        return Files(count, key);
    }

    /// <summary>One file of a ready constituency by name, making only the files of its constituency or its bureau; null when no file has that name.</summary>
    public ExportFile? File(ConstituencyCount count, string name)
    {
        var stem = Stems(count).FirstOrDefault(s => (s.Bureau is null ? ConstituencyNames(s.Stem) : BureauNames(s.Stem)).Contains(name, StringComparer.Ordinal));
        if (stem.Stem is null)
        {
            return null;
        }

        using var key = SigningKey();
        return (stem.Bureau is null ? ConstituencyFiles(count, key) : Signed(count, stem.Stem, stem.Bureau, key)).Single(f => f.Name == name);
    }

    private ECDsa SigningKey() => KeyFiles.LoadResultsSigningKey(options.Value.KeysDirectory)
        ?? throw new InvalidOperationException($"the results signing key {KeyFiles.ResultsSigningFile} is missing from the key directory (development: scripts/hv keys dev)");

    /// <summary>
    /// The files of a ready constituency: <c>C-510.eml</c> and its <c>.sig</c>, <c>C-pv.pdf</c>,
    /// <c>C.csv</c>, <c>C.json</c>, and per bureau <c>C-B-510.eml</c>, its <c>.sig</c> and <c>C-B-pv.pdf</c>.
    /// </summary>
    public static IReadOnlyList<ExportFile> Files(ConstituencyCount count, ECDsa key) => [.. ConstituencyFiles(count, key), .. BureauFiles(count, key)];

    /// <summary>The constituency's own files: its EML 510, signature, PV, CSV and JSON.</summary>
    public static IReadOnlyList<ExportFile> ConstituencyFiles(ConstituencyCount count, ECDsa key)
    {
        var (stem, _) = Stems(count).First();
        var files = Signed(count, stem, null, key);
        files.Add(new ExportFile(stem + ".csv", "text/csv", Encoding.UTF8.GetBytes(CountText.Csv(count))));
        files.Add(new ExportFile(stem + ".json", "application/json", CountText.Json(count)));
        return files;
    }

    /// <summary>Each bureau's EML 510, signature and PV.</summary>
    public static IReadOnlyList<ExportFile> BureauFiles(ConstituencyCount count, ECDsa key) => [.. Stems(count).Skip(1).SelectMany(s => Signed(count, s.Stem, s.Bureau, key))];

    // The EML 510 (the constituency's or a bureau's), its detached signature, and the PV carrying its SHA-256.
    private static List<ExportFile> Signed(ConstituencyCount count, string stem, BureauCount? bureau, ECDsa key)
    {
        byte[] eml = Bytes(s =>
        {
            if (bureau is null)
            {
                EmlCount.WriteConstituency(s, count);
            }
            else
            {
                EmlCount.WriteBureau(s, count, bureau);
            }
        });
        return
        [
            new ExportFile(stem + EmlSuffix, "application/xml", eml),
            new ExportFile(stem + EmlSuffix + ".sig", "text/plain", Encoding.UTF8.GetBytes(FileSignature.Sign(new MemoryStream(eml), key))),
            new ExportFile(stem + PvSuffix, "application/pdf", PvRenderer.Render(count, bureau, Convert.ToHexStringLower(SHA256.HashData(eml)))),
        ];
    }

    /// <summary>The names of <see cref="Files(ConstituencyCount, ECDsa)"/> without making them: the constituency's, then the bureaus'.</summary>
    public static (IReadOnlyList<string> Constituency, IReadOnlyList<string> Bureaus) FileNames(ConstituencyCount count)
    {
        var stems = Stems(count).ToList();
        return (ConstituencyNames(stems[0].Stem), [.. stems.Skip(1).SelectMany(s => BureauNames(s.Stem))]);
    }

    private static string[] ConstituencyNames(string stem) => [.. BureauNames(stem), stem + ".csv", stem + ".json"];

    private static string[] BureauNames(string stem) => [stem + EmlSuffix, stem + EmlSuffix + ".sig", stem + PvSuffix];

    private const string EmlSuffix = "-510.eml";
    private const string PvSuffix = "-pv.pdf";

    // The constituency's stem, then each bureau's.
    private static IEnumerable<(string Stem, BureauCount? Bureau)> Stems(ConstituencyCount count)
    {
        string c = Safe(count.Header.ContestId);
        yield return (c, null);
        foreach (var bureau in count.Bureaus)
        {
            yield return ($"{c}-{Safe(bureau.Id)}", bureau);
        }
    }

    private static byte[] Bytes(Action<Stream> write)
    {
        using var stream = new MemoryStream();
        write(stream);
        return stream.ToArray();
    }

    // An identifier as part of a file name: letters, digits, '-' and '_' only.
    private static string Safe(string id) => string.Concat(id.Select(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' ? ch : '_'));
}
