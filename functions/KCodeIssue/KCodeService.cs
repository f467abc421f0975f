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
        return new PrintOutcome.Issued(codes);
    }
}
