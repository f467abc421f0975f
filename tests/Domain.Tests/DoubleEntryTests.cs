using FsCheck.Xunit;

namespace HybridVote.Domain.Tests;

public sealed class DoubleEntryTests
{
    private static readonly TallyLayout Layout = new([new TallyList(1, 2, 1), new TallyList(2, 1, 0)]);

    private static Dictionary<string, long> Sheet(long seed) => Layout.Fields.Select((f, i) => (f, (seed + i) % 7)).ToDictionary(p => p.f, p => p.Item2);

    [Fact]
    public void TwoTypistsTypingTheSame_MakeTheSheetDefinitive_TheSameTypistTwiceIsRefused()
    {
        var (first, _) = DoubleEntry.Start(Layout).Enter("anna", Sheet(1));
        Assert.Equal(EntryState.AwaitingSecond, first.State);
        Assert.Equal(EntryRefusal.SameTypist, first.Enter("anna", Sheet(1)).Refusal);
        var (done, refusal) = first.Enter("bert", Sheet(1));
        Assert.Null(refusal);
        Assert.Equal(EntryState.Definitive, done.State);
        Assert.All(done.Settled.Values, v => Assert.Equal(("anna", "bert", (string?)null), (v.FirstTypist, v.SecondTypist, v.President)));
        Assert.Equal(EntryRefusal.NotNow, done.Enter("carl", Sheet(1)).Refusal);
    }

    [Fact]
    public void Differences_GoToThePresident_WhoDecidesOneAndSendsBackAnother_OnlyThatOneIsEnteredAgain()
    {
        var a = Sheet(1);
        var b = new Dictionary<string, long>(a) { [TallyLayout.Opened] = a[TallyLayout.Opened] + 1, [TallyLayout.ListOnly(2)] = a[TallyLayout.ListOnly(2)] + 2 };
        var (diff, _) = DoubleEntry.Start(Layout).Enter("anna", a).Next.Enter("bert", b);
        Assert.Equal(EntryState.Differences, diff.State);
        Assert.Equal(new[] { TallyLayout.ListOnly(2), TallyLayout.Opened }.Order(StringComparer.Ordinal), diff.Differing.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(EntryRefusal.NotADifference, diff.Decide("paula", TallyLayout.Valid, 3).Refusal);

        var (decided, _) = diff.Decide("paula", TallyLayout.Opened, 9);
        Assert.Equal(EntryState.Differences, decided.State);
        var (again, _) = decided.Decide("paula", TallyLayout.ListOnly(2), null);
        Assert.Equal((EntryState.AwaitingFirst, 2), (again.State, again.Round));
        Assert.Equal([TallyLayout.ListOnly(2)], again.Open);

        // The re-entry asks only for the field sent back; the same two typists may do it.
        var (done, _) = again.Enter("bert", new Dictionary<string, long> { [TallyLayout.ListOnly(2)] = 4 }).Next.Enter("anna", new Dictionary<string, long> { [TallyLayout.ListOnly(2)] = 4 });
        Assert.Equal(EntryState.Definitive, done.State);
        Assert.Equal((9L, "paula"), (done.Values![TallyLayout.Opened], done.Settled[TallyLayout.Opened].President));
        Assert.Equal((4L, 2), (done.Values[TallyLayout.ListOnly(2)], done.Settled[TallyLayout.ListOnly(2)].Round));
    }

    [Fact]
    public void AnEntryMissingAFieldOrWithANegativeValue_IsRefused()
    {
        var missing = Sheet(1);
        missing.Remove(TallyLayout.Valid);
        Assert.Equal(EntryRefusal.Incomplete, DoubleEntry.Start(Layout).Enter("anna", missing).Refusal);
        Assert.Equal(EntryRefusal.Incomplete, DoubleEntry.Start(Layout).Enter("anna", new Dictionary<string, long>(Sheet(1)) { [TallyLayout.Valid] = -1 }).Refusal);
    }

    [Fact]
    public void ReopeningADefinitiveSheet_SendsOnlyTheNamedFieldsToTwoNewEntries()
    {
        var entry = DoubleEntry.Start(Layout).Enter("anna", Sheet(1)).Next.Enter("bert", Sheet(1)).Next;
        Assert.Equal(EntryState.Definitive, entry.State);
        Assert.Equal(EntryRefusal.NotADifference, entry.Reopen(["no-such-field"]).Refusal);
        Assert.Equal(EntryRefusal.NotADifference, entry.Reopen([]).Refusal);
        var reopened = entry.Reopen([TallyLayout.Valid]).Next;
        Assert.Equal(EntryState.AwaitingFirst, reopened.State);
        Assert.Equal([TallyLayout.Valid], reopened.Open);
        Assert.Null(reopened.Values);
        Assert.Equal(EntryRefusal.NotNow, reopened.Reopen([TallyLayout.Opened]).Refusal);
        var again = reopened.Enter("carl", new Dictionary<string, long> { [TallyLayout.Valid] = 7 }).Next.Enter("anna", new Dictionary<string, long> { [TallyLayout.Valid] = 7 }).Next;
        Assert.Equal(EntryState.Definitive, again.State);
        Assert.Equal(7, again.Values![TallyLayout.Valid]);
        Assert.Equal(entry.Values![TallyLayout.Opened], again.Values[TallyLayout.Opened]);
    }

    /// <summary>
    /// Property: whatever the actions — entries by any of three typists with any values, decisions
    /// and send-backs by the president, reopening of settled fields, in any order — a definitive sheet holds, in every field,
    /// only a value that two distinct typists both typed in the same round, or that the president
    /// decided for that field.
    /// </summary>
    [Property(MaxTest = 300)]
    public bool NoPathSettlesAValueThatTwoTypistsDidNotBothTypeOrThePresidentDidNotDecide(int[] script)
    {
        var entry = DoubleEntry.Start(Layout);
        var typed = new List<(int Round, string Typist, string Field, long Value)>();
        var decided = new List<(string Field, long Value)>();
        string[] typists = ["anna", "bert", "carl"];
        foreach (int step in script ?? [])
        {
            int kind = Math.Abs(step % 3), who = Math.Abs(step / 3 % 3), noise = Math.Abs(step / 9 % 4);
            if (kind < 2 && entry.State is EntryState.AwaitingFirst or EntryState.AwaitingSecond)
            {
                // Values from a small range, so that entries often agree and sometimes differ.
                var values = entry.Open.ToDictionary(f => f, f => (long)((f.Length + noise) % 3));
                var (next, refusal) = entry.Enter(typists[who], values);
                if (refusal is null)
                {
                    typed.AddRange(values.Select(v => (entry.Round, typists[who], v.Key, v.Value)));
                }

                entry = next;
            }
            else if (entry.State == EntryState.Definitive && noise > 0)
            {
                // The president sends settled fields back (a figure wrong against the paper, or after an unlock).
                entry = entry.Reopen([.. Layout.Fields.Where((_, i) => i % (noise + 1) == who)]).Next;
            }
            else if (entry.State == EntryState.Differences && entry.Undecided.FirstOrDefault() is { } field)
            {
                long? value = noise == 0 ? null : noise;
                var (next, refusal) = entry.Decide("paula", field, value);
                if (refusal is null && value is { } v)
                {
                    decided.Add((field, v));
                }

                entry = next;
            }
        }

        if (entry.State != EntryState.Definitive)
        {
            return true;
        }

        return Layout.Fields.All(f => entry.Settled[f] is var s && (s.President is not null
            ? decided.Contains((f, s.Value))
            : s.FirstTypist != s.SecondTypist && typed.Contains((s.Round, s.FirstTypist!, f, s.Value)) && typed.Contains((s.Round, s.SecondTypist!, f, s.Value))));
    }
}
