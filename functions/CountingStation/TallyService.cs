using HybridVote.Domain;
using HybridVote.Hosting;
using HybridVote.Pages;
using HybridVote.Storage;

namespace HybridVote.CountingStation;

/// <summary>A typist's entry as sent by the form: field → text typed.</summary>
public sealed record TypedEntry(IReadOnlyDictionary<string, string> Fields);

/// <summary>The president's lock: an explanation per warning code.</summary>
public sealed record LockRequest(IReadOnlyDictionary<string, string> Explanations);

/// <summary>The president's decision on a differing field: the value from the paper, or sending it back.</summary>
public sealed record PresidentDecision(string Field, bool SendBack, string Value);

/// <summary>
/// A counting bureau's tally sheet (REQUIREMENTS §6): builds its layout from the constituency's
/// lists, applies each typist's entry and each of the president's decisions through
/// <see cref="DoubleEntry"/> (Domain decides), keeps it in <see cref="TallyStore"/>, and shows each
/// person only what their role may see — a typist never sees the other entry (blind double entry).
/// </summary>
public sealed class TallyService(ElectionStore elections, TallyStore tallies)
{
    /// <summary>The bureau, or null.</summary>
    public Task<BureauInfo?> BureauAsync(string bureauId, CancellationToken ct) => elections.BureauAsync(bureauId, ct);

    /// <summary>The counting page of the bureau for this person, after applying <paramref name="entry"/> or <paramref name="decision"/> when one was sent.</summary>
    public async Task<CountingView> PageAsync(BureauInfo bureau, StaffAccess access, PageFrame frame, TypedEntry? entry, PresidentDecision? decision, CancellationToken ct, LockRequest? lockRequest = null)
    {
        var lists = await elections.ListsAsync(bureau.ElectionId, bureau.ContestId, ct);
        var layout = new TallyLayout([.. lists.Select(l => new TallyList(l.Number, l.Effective.Count, l.Substitutes.Count))]);
        string person = StaffStore.Subject(access.Session.StaffKey);
        bool presides = StaffRules.Allows(access.Roles, StaffPermission.Preside, bureau.ElectionId, bureau.Id);
        var stored = await tallies.LoadAsync(bureau.Id, ct);
        var current = stored?.Entry ?? DoubleEntry.Start(layout);
        CountingProblem? problem = null;
        var locked = stored?.Lock;
        if (locked is not null && (entry is not null || decision is not null || lockRequest is not null))
        {
            // After the lock every change is refused (423): an unlock needs the constituency's president.
            problem = new CountingProblem(null, false, Locked: true);
        }
        else if (lockRequest is not null)
        {
            var findings = current.Values is { } values ? TallyChecks.Run(values, new CheckContext(layout)) : [];
            var explained = lockRequest.Explanations.Where(p => findings.Any(f => f.Code == p.Key && f.Severity == CheckSeverity.Warning) && !string.IsNullOrWhiteSpace(p.Value))
                .ToDictionary(p => p.Key, p => p.Value.Trim(), StringComparer.Ordinal);
            if (TallyLock.Refusal(current, findings, explained, false) is { } refusal)
            {
                problem = new CountingProblem(null, false, refusal);
            }
            else
            {
                string snapshot = TallyLock.Canonical(current.Values!, layout, explained);
                if (!await tallies.LockAsync(bureau.Id, stored?.Version ?? 0, snapshot, TallyLock.Hash(snapshot), person, ct))
                {
                    problem = new CountingProblem(null, true);
                }

                locked = (await tallies.LoadAsync(bureau.Id, ct))?.Lock;
            }
        }
        else if (entry is not null || decision is not null)
        {
            (DoubleEntry Next, EntryRefusal? Refusal) step;
            if (entry is not null)
            {
                var values = new Dictionary<string, long>();
                foreach (var (field, text) in entry.Fields)
                {
                    if (long.TryParse(text.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long n) && n <= 999_999_999)
                    {
                        values[field] = n;
                    }
                }

                step = current.Enter(person, values);
            }
            else if (decision!.SendBack)
            {
                step = current.Decide(person, decision.Field, null);
            }
            else
            {
                step = long.TryParse(decision.Value.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long d) && d <= 999_999_999
                    ? current.Decide(person, decision.Field, d)
                    : (current, EntryRefusal.Incomplete);
            }

            if (step.Refusal is { } refusal)
            {
                problem = new CountingProblem(refusal, false);
            }
            else if (!await tallies.SaveAsync(bureau.Id, step.Next, stored?.Version ?? 0, person, entry is not null ? "tally.entry" : "tally.decide", ct))
            {
                problem = new CountingProblem(null, true);
            }
            else
            {
                current = step.Next;
            }
        }

        var names = lists.ToDictionary(l => l.Number);
        var fields = layout.Fields.Select(f => new TallyFieldLine(f, Label(f, names))).ToList();
        bool mayType = locked is null && current.State is EntryState.AwaitingFirst or EntryState.AwaitingSecond && current.First?.Typist != person
            && StaffRules.Allows(access.Roles, StaffPermission.Count, bureau.ElectionId, bureau.Id);
        var open = current.Open.ToHashSet(StringComparer.Ordinal);
        return new CountingView(frame with { LoggedIn = true }, bureau.Id, bureau.Name, current.State, current.Round,
            mayType ? [.. fields.Where(f => open.Contains(f.Field))] : [],
            current.First?.Typist == person,
            presides && current.State == EntryState.Differences ? [.. current.Undecided.Select(f => new DifferenceLine(f, Label(f, names), current.Differing[f].First, current.Differing[f].Second))] : [],
            presides && current.Values is { } sheet ? [.. TallyChecks.Run(sheet, new CheckContext(layout)).Select(x => new CheckLine(x.Code, x.Severity, x.Fields.Select(f => Label(f, names)).ToList()))] : [],
            problem, presides, locked?.Sha256, locked?.LockedAt);
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
        int position = int.Parse(parts[2][1..], System.Globalization.CultureInfo.InvariantCulture);
        var names = substitute ? list.Substitutes : list.Effective;
        return new FieldLabel(substitute ? "candidate-substitute" : "candidate-effective", $"{list.Number}. {list.Name}", position <= names.Count ? $"{position}. {names[position - 1]}" : $"{position}");
    }
}
