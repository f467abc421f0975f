using HybridVote.Domain;
using HybridVote.Hosting;
using HybridVote.Storage;

namespace HybridVote.BallotRegistration;

/// <summary>
/// Registers the K-codes of counted ballots (FR009, FR012, TR014): only after in-person voting
/// has closed, only codes that check (check symbol and MAC for the bureau's election and
/// constituency), all or nothing; the first registration of a code wins and later ones are copies
/// for the president to confirm or strike; nothing after the bureau's lock. Each registration carries the client's entry id: a retried request gets the first
/// answer and changes nothing.
/// </summary>
public sealed class RegistrationService(BallotRegistry registry, ElectionStore elections, StatusCache cache, SecretKeys keys, Pseudonyms pseudonyms, TimeProvider clock)
{
    /// <summary>Largest batch accepted in one request.</summary>
    public const int MaxBatch = 1000;

    /// <summary>Registers a batch for the bureau's constituency.</summary>
    public async Task<RegistrationOutcome> RegisterAsync(BureauInfo bureau, IReadOnlyList<CountedBallotDto>? ballots, CancellationToken ct)
    {
        var election = await elections.ElectionAsync(bureau.ElectionId, ct);
        if (election is null || !election.Calendar.RegistrationOpen(clock.GetUtcNow()))
        {
            return new RegistrationOutcome.CountingClosed();
        }

        if (ballots is null || ballots.Count == 0 || ballots.Count > MaxBatch)
        {
            return new RegistrationOutcome.Invalid(new() { ["ballots"] = [$"send between 1 and {MaxBatch} ballots"] });
        }

        var errors = new Dictionary<string, string[]>();
        var toRegister = new List<BallotToRegister>();
        var entries = new HashSet<string>(StringComparer.Ordinal);
        // Every constituency of the bureau's election: a code of another one is told apart from a forged code.
        var scopes = await elections.KCodeScopesAsync(bureau.ElectionId, ct);
        for (int i = 0; i < ballots.Count; i++)
        {
            if (ballots[i] is null)
            {
                errors[$"ballots[{i}]"] = ["the ballot is null"];
                continue;
            }

            var check = KCode.Check(ballots[i].KCode, scopes, keys.KCodeMac);
            string? problem = !ClientKeys.IsValid(ballots[i].EntryId) ? "entryId is missing, longer than 100 characters, or not printable ASCII without spaces"
                : !entries.Add(ballots[i].EntryId!) ? "entryId appears twice in this batch"
                : check switch
            {
                KCodeCheck.Malformed m => "kCode is malformed: " + m.Reason,
                KCodeCheck.BadCheckSymbol => "kCode has a typing error (check symbol)",
                KCodeCheck.Forged => "kCode was not issued for this election",
                // The ballot of another constituency was put in this bureau's box: it is not counted here.
                KCodeCheck.Valid v when v.ContestId != bureau.ContestId => $"kCode belongs to another constituency ({v.ContestId}); this bureau counts {bureau.ContestId}",
                _ => BallotClassifications.FromCode(ballots[i].Classification) is null
                    ? "classification is not one of " + string.Join(", ", BallotClassifications.All.Select(c => c.Code()))
                    : null,
            };
            if (problem is not null)
            {
                errors[$"ballots[{i}]"] = [problem];
            }
            else
            {
                var valid = (KCodeCheck.Valid)check;
                toRegister.Add(new BallotToRegister(pseudonyms.KCodeHash(valid.ElectionId, valid.Canonical), valid.ElectionId, BallotClassifications.FromCode(ballots[i].Classification)!.Value, ballots[i].EntryId!));
            }
        }

        if (errors.Count > 0)
        {
            return new RegistrationOutcome.Invalid(errors);
        }

        var answer = await registry.RegisterAsync(bureau, toRegister, ct);
        if (answer is null)
        {
            return new RegistrationOutcome.SheetLocked();
        }

        if (answer.Reused.Count > 0)
        {
            return new RegistrationOutcome.EntryReused(answer.Reused.ToDictionary(i => $"ballots[{i}]", _ => new[] { "entryId was already used for another K-code" }));
        }

        await cache.InvalidateAsync(toRegister.Select(b => StatusCache.BallotKey(b.KCodeHash)));
        HvMetrics.BallotsRegistered.WithLabels("false").Inc(answer.Results.Count(r => r == RegisteredBallots.First));
        HvMetrics.BallotsRegistered.WithLabels("true").Inc(answer.Results.Count(r => r == RegisteredBallots.Copy));
        return new RegistrationOutcome.Registered(answer.Results);
    }
}
