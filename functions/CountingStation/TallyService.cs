using System.Globalization;
using HybridVote.Domain;
using HybridVote.Hosting;
using HybridVote.Pages;
using HybridVote.Storage;

namespace HybridVote.CountingStation;

/// <summary>What a person asks of a bureau's tally sheet with a form.</summary>
public abstract record CountingAction
{
    private CountingAction()
    {
    }

    /// <summary>A typist's entry: field → text typed.</summary>
    public sealed record Entry(IReadOnlyDictionary<string, string> Fields) : CountingAction;

    /// <summary>The president's decision on a differing field: the value from the paper, or sending it back.</summary>
    public sealed record Decide(string Field, bool SendBack, string Value) : CountingAction;

    /// <summary>The president's lock, with an explanation per warning code.</summary>
    public sealed record Lock(IReadOnlyDictionary<string, string> Explanations) : CountingAction;

    /// <summary>The president's decision on a K-code registered twice: a second ballot (confirmed) or the same one (struck).</summary>
    public sealed record Copy(string EntryId, bool Confirmed) : CountingAction;

    /// <summary>The president sends settled fields of the definitive sheet back for entry again.</summary>
    public sealed record Reopen(IReadOnlyList<string> Fields) : CountingAction;

    /// <summary>The constituency's president lifts the lock, with a reason.</summary>
    public sealed record Unlock(int Version, string Reason) : CountingAction;
}

/// <summary>
/// A counting bureau's tally sheet (REQUIREMENTS §6): builds its layout from the constituency's
/// lists, applies each typist's entry and each of the president's decisions through
/// <see cref="DoubleEntry"/> (Domain decides), checks the definitive sheet against the bureau's
/// K-code register, its reception report and the constituency's other locked sheets
/// (<see cref="TallyChecks"/>), keeps it in <see cref="TallyStore"/>, and shows each person only
/// what their role may see — a typist never sees the other entry (blind double entry).
/// </summary>
public sealed class TallyService(ElectionStore elections, TallyStore tallies, BallotRegistry registry, ReceptionStore reception, StatusCache cache)
{
    /// <summary>The bureau, or null.</summary>
    public Task<BureauInfo?> BureauAsync(string bureauId, CancellationToken ct) => elections.BureauAsync(bureauId, ct);

    /// <summary>The main bureau of the bureau's constituency, whose president may unlock the bureau's figures.</summary>
    public async Task<string?> MainBureauAsync(BureauInfo bureau, CancellationToken ct) => (await elections.ContestAsync(bureau.ElectionId, bureau.ContestId, ct))?.MainBureauId;

    /// <summary>
    /// The counting page of the bureau for this person, after applying <paramref name="action"/> when
    /// one was sent; <paramref name="mainBureau"/> is the constituency's main bureau (<see cref="MainBureauAsync"/>, read once by the caller's gate).
    /// </summary>
    public async Task<CountingView> PageAsync(BureauInfo bureau, string? mainBureau, StaffAccess access, PageFrame frame, CountingAction? action, CancellationToken ct)
    {
        var lists = await elections.ListsAsync(bureau.ElectionId, bureau.ContestId, ct);
        var layout = TallyLayout.Of(lists);
        string person = StaffStore.Subject(access.Session.StaffKey);
        bool presides = StaffRules.Allows(access.Roles, StaffPermission.Preside, bureau.ElectionId, bureau.Id);
        bool mayUnlock = mainBureau is not null && StaffRules.Allows(access.Roles, StaffPermission.Preside, bureau.ElectionId, mainBureau);
        var stored = await tallies.LoadAsync(bureau.Id, ct);
        var register = await registry.CountAsync(bureau.Id, ct);
        var context = await ContextAsync(bureau, layout, register, ct);
        var problem = action is null ? null : await ApplyAsync(bureau, layout, person, stored, register, context, action, ct);
        if (action is not null && problem is null)
        {
            stored = await tallies.LoadAsync(bureau.Id, ct);
            register = await registry.CountAsync(bureau.Id, ct);
            context = await ContextAsync(bureau, layout, register, ct);
        }

        var current = stored?.Entry ?? DoubleEntry.Start(layout);
        var locked = stored?.Lock;
        var names = lists.ToDictionary(l => l.Number);
        var fields = layout.Fields.Select(f => new TallyFieldLine(f, Label(f, names))).ToList();
        bool mayType = locked is null && current.State is EntryState.AwaitingFirst or EntryState.AwaitingSecond && current.First?.Typist != person
            && StaffRules.Allows(access.Roles, StaffPermission.Count, bureau.ElectionId, bureau.Id);
        var open = current.Open.ToHashSet(StringComparer.Ordinal);
        var checks = presides && current.Values is { } sheet ? TallyChecks.Run(sheet, context) : [];
        return new CountingView(frame with { LoggedIn = true }, bureau.Id, bureau.Name, current.State, current.Round,
            mayType ? [.. fields.Where(f => open.Contains(f.Field))] : [],
            current.First?.Typist == person,
            presides && current.State == EntryState.Differences ? [.. current.Undecided.Select(f => new DifferenceLine(f, Label(f, names), current.Differing[f].First, current.Differing[f].Second))] : [],
            [.. checks.Select(x => new CheckLine(x.Code, x.Severity, x.Fields.Select(f => Label(f, names)).ToList()))],
            problem, presides, locked?.Sha256, locked?.LockedAt)
        {
            Register = new RegisterView(register.PerClass, register.Undecided, context.BoxedByReception),
            Copies = presides ? [.. (await registry.DuplicatesAsync(bureau.Id, ct)).Select(c => new CopyLine(c.EntryId, c.Classification, c.RegisteredAt, c.FirstBureau, c.Decision))] : [],
            Reopenable = presides && locked is null && current.State == EntryState.Definitive ? fields : [],
            MayUnlock = mayUnlock && locked is not null,
            LockVersion = locked?.Version,
            Constituency = mayUnlock && mainBureau == bureau.Id
                ? [.. (await tallies.ConstituencyAsync(bureau.ElectionId, bureau.ContestId, ct)).Select(b => new ConstituencyBureauLine(b.Id, b.Name, b.State, b.LockVersion))] : [],
            Unlocked = presides || mayUnlock ? [.. (await tallies.UnlockedAsync(bureau.Id, ct)).Select(u => new UnlockLine(u.Version, u.Sha256, u.LockedAt, u.UnlockedAt, u.Reason))] : [],
        };
    }

    // What the checks compare the sheet with: the bureau's register (F.103), what its reception put
    // in the box (F.107, when the bureau received envelopes) and the constituency's other locked sheets (W.203).
    private async Task<CheckContext> ContextAsync(BureauInfo bureau, TallyLayout layout, RegisterCount register, CancellationToken ct)
    {
        var days = await reception.DaysAsync(bureau.Id, ct);
        var others = await tallies.OtherLockedSnapshotsAsync(bureau.ElectionId, bureau.ContestId, bureau.Id, ct);
        return new CheckContext(layout, register.PerClass, days.Count == 0 ? null : ReceptionDay.Total(days).Accepted, [.. others.Select(o => TallyLock.Parse(o, layout))]);
    }

    // Applies one action; the problem to show, or null when it was recorded.
    private async Task<CountingProblem?> ApplyAsync(BureauInfo bureau, TallyLayout layout, string person, StoredTally? stored, RegisterCount register, CheckContext context,
        CountingAction action, CancellationToken ct)
    {
        var current = stored?.Entry ?? DoubleEntry.Start(layout);
        int version = stored?.Version ?? 0;
        if (action is CountingAction.Unlock unlock)
        {
            // The lock is lifted only with a reason; the version unlocked is kept.
            if (string.IsNullOrWhiteSpace(unlock.Reason))
            {
                return new CountingProblem(null, false, UnlockWithoutReason: true);
            }

            if (stored?.Lock is null || !await tallies.UnlockAsync(bureau.Id, unlock.Version, person, unlock.Reason.Trim(), ct))
            {
                return new CountingProblem(null, true);
            }

            await ForgetStatusesAsync(bureau, ct);
            return null;
        }

        if (stored?.Lock is not null)
        {
            // After the lock every change is refused (423): an unlock needs the constituency's president.
            return new CountingProblem(null, false, Locked: true);
        }

        switch (action)
        {
            case CountingAction.Lock request:
            {
                var findings = current.Values is { } values ? TallyChecks.Run(values, context) : [];
                var explained = request.Explanations.Where(p => findings.Any(f => f.Code == p.Key && f.Severity == CheckSeverity.Warning) && !string.IsNullOrWhiteSpace(p.Value))
                    .ToDictionary(p => p.Key, p => p.Value.Trim(), StringComparer.Ordinal);
                if (TallyLock.Refusal(current, findings, explained, false, register.Undecided) is { } refusal)
                {
                    return new CountingProblem(null, false, refusal);
                }

                string snapshot = TallyLock.Canonical(current.Values!, layout, explained);
                if (!await tallies.LockAsync(bureau.Id, version, register, snapshot, TallyLock.Hash(snapshot), person, ct))
                {
                    return new CountingProblem(null, true);
                }

                // The bureau's voters may now read "counted" (REQUIREMENTS §6).
                await ForgetStatusesAsync(bureau, ct);
                return null;
            }

            case CountingAction.Copy copy:
            {
                if (await registry.DecideDuplicateAsync(bureau.Id, copy.EntryId, copy.Confirmed, person, ct) is not { } hash)
                {
                    return new CountingProblem(null, true);
                }

                await cache.InvalidateAsync([StatusCache.BallotKey(hash)]);
                return null;
            }

            default:
            {
                var (next, refusal) = action switch
                {
                    CountingAction.Entry entry => current.Enter(person, entry.Fields
                        .Select(p => (p.Key, Value: Number(p.Value))).Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!.Value)),
                    CountingAction.Decide { SendBack: true } decide => current.Decide(person, decide.Field, null),
                    CountingAction.Decide decide => Number(decide.Value) is { } d ? current.Decide(person, decide.Field, d) : (current, EntryRefusal.Incomplete),
                    CountingAction.Reopen reopen => current.Reopen([.. layout.Fields.Where(reopen.Fields.Contains)]),
                    _ => (current, EntryRefusal.NotNow),
                };
                if (refusal is not null)
                {
                    return new CountingProblem(refusal, false);
                }

                string audited = action switch { CountingAction.Entry => "tally.entry", CountingAction.Reopen => "tally.reopen", _ => "tally.decide" };
                return await tallies.SaveAsync(bureau.Id, next, version, person, audited, ct) ? null : new CountingProblem(null, true);
            }
        }
    }

    // A number as typed on a tally form: digits only, at most nine.
    private static long? Number(string text) =>
        long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long n) && n <= 999_999_999 ? n : null;

    // The bureau's ballots change between "counted" and not with its lock: their cached statuses go.
    private async Task ForgetStatusesAsync(BureauInfo bureau, CancellationToken ct)
    {
        foreach (var chunk in (await registry.HashesAsync(bureau.Id, ct)).Chunk(1000))
        {
            await cache.InvalidateAsync(chunk.Select(StatusCache.BallotKey));
        }
    }

    // Words for a field: R, a class, V, or a list's line and a candidate's name.
    private static FieldLabel Label(string field, IReadOnlyDictionary<int, CandidateListDefinition> lists)
    {
        string[] parts = field.Split(':');
        if (parts.Length < 3 || !int.TryParse(parts[1], out int n) || !lists.TryGetValue(n, out var list))
        {
            return new FieldLabel(field, null, null);
        }

        if (parts[2] is "total" or "list-only" or "preferences")
        {
            return new FieldLabel("list-" + parts[2], $"{list.Number}. {list.Name}", null);
        }

        bool substitute = parts[2][0] == 's';
        int position = int.Parse(parts[2][1..], CultureInfo.InvariantCulture);
        var names = substitute ? list.Substitutes : list.Effective;
        return new FieldLabel(substitute ? "candidate-substitute" : "candidate-effective", $"{list.Number}. {list.Name}", position <= names.Count ? $"{position}. {names[position - 1]}" : $"{position}");
    }
}
