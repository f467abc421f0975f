namespace HybridVote.Domain.Tests;

/// <summary>Each numbered check with a sheet that passes and one that fails, at its boundary where it has one.</summary>
public sealed class TallyChecksTests
{
    private static readonly TallyLayout Layout = new([new TallyList(1, 2, 1), new TallyList(2, 1, 0)]);

    // R 100 = valid 90 + doubtful-validated 3 + doubtful-cancelled 0 + blank-or-invalid 2 + rejected 5; V 93 = 60 + 33.
    private static Dictionary<string, long> Good() => new()
    {
        [TallyLayout.Opened] = 100,
        [TallyLayout.Class(BallotClassification.Valid)] = 90,
        [TallyLayout.Class(BallotClassification.DoubtfulValidated)] = 3,
        [TallyLayout.Class(BallotClassification.DoubtfulCancelled)] = 0,
        [TallyLayout.Class(BallotClassification.BlankOrInvalid)] = 2,
        [TallyLayout.Class(BallotClassification.RejectedVotedInPerson)] = 5,
        [TallyLayout.Valid] = 93,
        [TallyLayout.ListTotal(1)] = 60, [TallyLayout.ListOnly(1)] = 40, [TallyLayout.WithPreferences(1)] = 20,
        [TallyLayout.Candidate(1, false, 1)] = 10, [TallyLayout.Candidate(1, false, 2)] = 20, [TallyLayout.Candidate(1, true, 1)] = 5,
        [TallyLayout.ListTotal(2)] = 33, [TallyLayout.ListOnly(2)] = 33, [TallyLayout.WithPreferences(2)] = 0, [TallyLayout.Candidate(2, false, 1)] = 0,
    };

    private static readonly Dictionary<BallotClassification, long> Registered = BallotClassifications.All.ToDictionary(c => c, c => Good()[TallyLayout.Class(c)]);

    private static readonly CheckContext Context = new(Layout, Registered, BoxedByReception: 100, OtherLockedSheets: []);

    // code → (the good sheet changed so that it still passes at the boundary, the good sheet changed so that it fails, the context of each)
    public static TheoryData<string> Codes => [.. TallyChecks.All.Select(c => c.Code)];

    private static readonly Dictionary<string, (Action<Dictionary<string, long>> Pass, Action<Dictionary<string, long>> Fail, CheckContext? FailContext)> Fixtures = new()
    {
        ["F.101"] = (_ => { }, s => s[TallyLayout.Opened] = 101, null),
        ["F.102"] = (_ => { }, s => s[TallyLayout.Valid] = 92, null),
        ["F.103"] = (_ => { }, s => { }, Context with { Registered = new Dictionary<BallotClassification, long>(Registered) { [BallotClassification.Valid] = 89 } }),
        ["F.104"] = (_ => { }, s => s[TallyLayout.ListTotal(2)] = 32, null),
        ["F.105"] = (_ => { }, s => s[TallyLayout.ListOnly(1)] = 41, null),
        // Boundary: a candidate may have exactly the list's ballots with preference votes, not one more.
        ["F.106"] = (s => s[TallyLayout.Candidate(1, true, 1)] = 20, s => s[TallyLayout.Candidate(1, true, 1)] = 21, null),
        ["F.107"] = (_ => { }, _ => { }, Context with { BoxedByReception = 99 }),
        // Boundary: 2 % blank passes, 3 % warns (blank moves from valid, so R, V and the lists still add up).
        ["W.201"] = (_ => { }, s => { s[TallyLayout.Class(BallotClassification.BlankOrInvalid)] = 3; s[TallyLayout.Class(BallotClassification.Valid)] = 89; s[TallyLayout.Valid] = 92; s[TallyLayout.ListTotal(2)] = 32; s[TallyLayout.ListOnly(2)] = 32; }, null),
        // Boundary: none cancelled passes, 1 % warns.
        ["W.202"] = (_ => { }, s => { s[TallyLayout.Class(BallotClassification.DoubtfulCancelled)] = 1; s[TallyLayout.Class(BallotClassification.Valid)] = 89; s[TallyLayout.Valid] = 92; s[TallyLayout.ListTotal(2)] = 32; s[TallyLayout.ListOnly(2)] = 32; }, null),
        ["W.203"] = (_ => { }, _ => { }, Context with { OtherLockedSheets = [new TallySheet(Good())] }),
    };

    [Theory]
    [MemberData(nameof(Codes))]
    public void Check_PassesOnItsPassingSheet_AndFailsOnItsFailingOne(string code)
    {
        Assert.True(Fixtures.ContainsKey(code), $"{code} has no fixture: every check needs a passing and a failing sheet");
        var (pass, fail, failContext) = Fixtures[code];
        var good = Good();
        pass(good);
        Assert.Empty(TallyChecks.Run(new TallySheet(good), Context));
        var bad = Good();
        fail(bad);
        var findings = TallyChecks.Run(new TallySheet(bad), failContext ?? Context);
        Assert.Contains(findings, f => f.Code == code && f.Severity == TallyChecks.Find(code)!.Severity);
    }

    [Fact]
    public void Catalogue_CodesAreUnique_ErrorsAreF_WarningsAreW_AndEveryFixtureIsACode()
    {
        Assert.Equal(TallyChecks.All.Count, TallyChecks.All.Select(c => c.Code).Distinct().Count());
        Assert.All(TallyChecks.All, c => Assert.Equal(c.Severity == CheckSeverity.Error ? 'F' : 'W', c.Code[0]));
        Assert.All(Fixtures.Keys, k => Assert.NotNull(TallyChecks.Find(k)));
        Assert.Empty(TallyChecks.Run(new TallySheet(Good()), Context));
    }

    [Fact]
    public void Layout_HasEveryFieldOnce_InTheOrderOfThePaperSheet()
    {
        Assert.Equal(Layout.Fields.Count, Layout.Fields.Distinct().Count());
        Assert.Equal([TallyLayout.Opened, TallyLayout.Class(BallotClassification.Valid)], Layout.Fields.Take(2));
        Assert.Equal(1 + 5 + 1 + (3 + 3) + (3 + 1), Layout.Fields.Count);
    }
}

public sealed class TallyLockTests
{
    private static readonly TallyLayout Layout = new([new TallyList(1, 1, 0)]);

    [Fact]
    public void Lock_NeedsADefinitiveSheet_NoError_AndEveryWarningExplained_ItsHashIsOfTheCanonicalText()
    {
        var values = Layout.Fields.ToDictionary(f => f, _ => 0L);
        var entry = DoubleEntry.Start(Layout);
        var warning = new CheckFinding("W.201", CheckSeverity.Warning, [], []);
        var error = new CheckFinding("F.101", CheckSeverity.Error, [], []);
        Assert.Equal(LockRefusal.NotDefinitive, TallyLock.Refusal(entry, [], new Dictionary<string, string>(), false));
        var done = entry.Enter("a", values).Next.Enter("b", values).Next;
        Assert.Equal(LockRefusal.Errors, TallyLock.Refusal(done, [error], new Dictionary<string, string>(), false));
        Assert.Equal(LockRefusal.WarningsUnexplained, TallyLock.Refusal(done, [warning], new Dictionary<string, string>(), false));
        Assert.Null(TallyLock.Refusal(done, [warning], new Dictionary<string, string> { ["W.201"] = "torn ballot" }, false));
        Assert.Equal(LockRefusal.AlreadyLocked, TallyLock.Refusal(done, [], new Dictionary<string, string>(), true));

        string canonical = TallyLock.Canonical(done.Values!, Layout, new Dictionary<string, string> { ["W.201"] = "torn\r\nballot" });
        Assert.StartsWith("R=0\nclass:valid=0\n", canonical, StringComparison.Ordinal);
        Assert.EndsWith("W.201: torn ballot\n", canonical, StringComparison.Ordinal);
        Assert.Equal(64, TallyLock.Hash(canonical).Length);
        Assert.Equal(TallyLock.Hash(canonical), TallyLock.Hash(TallyLock.Canonical(done.Values!, Layout, new Dictionary<string, string> { ["W.201"] = "torn ballot" })));
        // The register must be reconciled first: a copy undecided blocks the lock.
        Assert.Equal(LockRefusal.CopiesUndecided, TallyLock.Refusal(done, [], new Dictionary<string, string>(), false, undecidedCopies: 1));
    }

    [Fact]
    public void Canonical_ParsesBackToTheSameSheet_WhateverTheExplanationsSay()
    {
        var values = Layout.Fields.Select((f, i) => (f, (long)i * 3)).ToDictionary(p => p.f, p => p.Item2);
        var sheet = new TallySheet(values);
        string canonical = TallyLock.Canonical(sheet, Layout, new Dictionary<string, string> { ["W.201"] = "R=999 on the paper, V=1", ["W.203"] = "list:1:total=5" });
        var parsed = TallyLock.Parse(canonical, Layout);
        Assert.True(parsed.SameAs(sheet, Layout));
        Assert.All(Layout.Fields, f => Assert.Equal(sheet[f], parsed[f]));
    }
}

public sealed class CountingProgressTests
{
    [Fact]
    public void Csv_HasTheHeader_QuotesWhatNeedsIt_AndNeverLetsASpreadsheetRunAFormula()
    {
        string csv = CountingProgressLine.Csv([new("E", "Élection", "BW", "Brabant wallon, \"Nord\"", 3, 1, 0, 1, 0, 0, 1, 2), new("E", "Élection", "X", "=HYPERLINK(1)", 1, 1, 0, 0, 0, 0, 0)]);
        Assert.Equal(CountingProgressLine.CsvHeader + "\r\nE,BW,\"Brabant wallon, \"\"Nord\"\"\",3,1,0,1,0,0,1,2\r\nE,X,'=HYPERLINK(1),1,1,0,0,0,0,0,0\r\n", csv);
    }
}
