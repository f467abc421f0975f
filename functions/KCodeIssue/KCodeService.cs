using HybridVote.Domain;
using HybridVote.Hosting;
using HybridVote.Storage;

namespace HybridVote.KCodeIssue;

/// <summary>
/// Issues K-codes when a voter prints (FR006, TR007): the label token, the print count and the
/// audit event are committed together (SEC002), and only then are the codes shown. The codes are
/// generated in memory and never written anywhere (TR010).
/// </summary>
public sealed class KCodeService(VoterStore voters, ElectionStore elections, SecretKeys keys, Pseudonyms pseudonyms, Sealer sealer)
{
    /// <summary>Runs the print action for the voter.</summary>
    public async Task<PrintOutcome> PrintAsync(byte[] voterKey, CancellationToken ct)
    {
        if (await voters.FindAsync(voterKey, ct) is null)
        {
            return new PrintOutcome.NotEligible();
        }

        var printed = await voters.RecordPrintAsync(voterKey, LabelToken.New, sealer.Seal, pseudonyms.LabelTokenHash, ct);
        if (printed.Count == 0)
        {
            return new PrintOutcome.IssueClosed();
        }

        var names = (await elections.ElectionsAsync(ct)).ToDictionary(e => e.Id, e => e.Name);
        var codes = printed.Select(id => new IssuedCode(id, names[id], KCode.Issue(id, keys.KCodeMac))).ToList();
        HvMetrics.KCodesIssued.Inc(codes.Count);
        return new PrintOutcome.Issued(codes);
    }
}
