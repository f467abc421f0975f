using HybridVote.Domain;
using HybridVote.Hosting;
using HybridVote.Storage;

namespace HybridVote.KCodeIssue;

/// <summary>
/// Issues K-codes when a voter prints (FR006, TR007): the label token, the print count and the
/// audit event are committed together (SEC002), and only then are the codes shown. The codes are
/// generated in memory and never written anywhere (TR010).
/// </summary>
public sealed class KCodeService(VoterStore voters, ElectionStore elections, SecretKeys keys, Pseudonyms pseudonyms, Sealer sealer, TimeProvider clock)
{
    /// <summary>Runs the print action for the voter; election names in <paramref name="language"/>.</summary>
    public async Task<PrintOutcome> PrintAsync(byte[] voterKey, Language language, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var all = await elections.ElectionsAsync(ct);
        var open = all.Where(e => e.Calendar.IssueOpen(now)).Select(e => e.Id).ToList();
        var record = await voters.RecordPrintAsync(voterKey, open, LabelToken.New, sealer.Seal, pseudonyms.LabelTokenHash, ct);
        if (!record.Eligible)
        {
            return new PrintOutcome.NotEligible();
        }

        if (record.Printed.Count == 0)
        {
            return new PrintOutcome.IssueClosed();
        }

        var codes = record.Printed.Select(e => new IssuedCode(e.ElectionId, all.First(x => x.Id == e.ElectionId).NameIn(language), KCode.Issue(new KCodeScope(e.ElectionId, e.ContestId), keys.KCodeMac))).ToList();
        HvMetrics.KCodesIssued.Inc(codes.Count);
        return new PrintOutcome.Issued(codes, now);
    }

    /// <summary>
    /// When the voter last printed for an election open for printing now, and those elections'
    /// names, or null when a print now would be the first (FR006: a second print is asked about first).
    /// </summary>
    public async Task<PrintedBefore?> PrintedBeforeAsync(byte[] voterKey, Language language, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var open = (await elections.ElectionsAsync(ct)).Where(e => e.Calendar.IssueOpen(now)).ToDictionary(e => e.Id);
        var printed = ((await voters.FindAsync(voterKey, ct))?.Elections ?? []).Where(p => open.ContainsKey(p.ElectionId) && p.LastPrintedAt is not null).ToList();
        return printed.Count == 0 ? null : new PrintedBefore(printed.Max(p => p.LastPrintedAt!.Value), [.. printed.Select(p => open[p.ElectionId].NameIn(language))]);
    }

    /// <summary>The elections' names in <paramref name="language"/>.</summary>
    public Task<Func<string, string>> ElectionNamesAsync(Language language, CancellationToken ct) => elections.NamesInAsync(language, ct);
}
