using HybridVote.Storage;

namespace HybridVote.Integration.Tests;

/// <summary><c>hv calendar</c>: one change at a time, times default to now, refusals name the rule, changes are audited.</summary>
[Collection(InfrastructureCollection.Name)]
public sealed class CalendarCommandTests(TestInfrastructure infra)
{
    [Fact]
    public async Task ClosingInPersonVoting_WhilePrintingIsOpen_IsRefusedWithTheRule_AndMovesNothing()
    {
        var store = new ElectionStore(infra.Db, new AuditLog(TimeProvider.System));
        var before = (await store.ElectionAsync(TestInfrastructure.OpenElection))!.Calendar;
        var (code, error) = await infra.HvCapturingAsync("calendar", "set", "--election", TestInfrastructure.OpenElection, "--in-person-close");
        Assert.Equal(1, code);
        Assert.Contains("K-code issuing must end no later than in-person voting closes", error, StringComparison.Ordinal);
        Assert.Contains("--issue-until", error, StringComparison.Ordinal);
        Assert.Equal(before, (await store.ElectionAsync(TestInfrastructure.OpenElection))!.Calendar);
    }

    [Fact]
    public async Task OneDateChanges_TheOthersStay_AndTheChangeIsAudited()
    {
        var store = new ElectionStore(infra.Db, new AuditLog(TimeProvider.System));
        var before = (await store.ElectionAsync(TestInfrastructure.CountingElection))!.Calendar;
        long audits = await infra.ScalarAsync<long>("SELECT count(*) FROM audit_event WHERE action = 'calendar.set'");
        string validated = before.ValidatedAt.AddDays(1).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(0, (await infra.HvCapturingAsync("calendar", "set", "--election", TestInfrastructure.CountingElection, "--validated-at", validated)).Code);
        var after = (await store.ElectionAsync(TestInfrastructure.CountingElection))!.Calendar;
        Assert.Equal(before with { ValidatedAt = DateTimeOffset.Parse(validated, System.Globalization.CultureInfo.InvariantCulture) }, after);
        Assert.Equal(audits + 1, await infra.ScalarAsync<long>("SELECT count(*) FROM audit_event WHERE action = 'calendar.set'"));
    }

    [Theory]
    [InlineData("--issue-until", "--in-person-close")]
    [InlineData()]
    public async Task TwoChangesAtOnce_OrNone_IsAWrongCommandLine(params string[] dates)
    {
        var (code, error) = await infra.HvCapturingAsync(["calendar", "set", "--election", TestInfrastructure.OpenElection, .. dates]);
        Assert.Equal(2, code);
        Assert.Contains(dates.Length == 0 ? "say which date to change" : "one change at a time", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Notice_SetsWhatVotersAreTold_KeepsTheRest_RefusesAPostingDayAfterTheClose_AndIsAudited()
    {
        var store = new ElectionStore(infra.Db, new AuditLog(TimeProvider.System));
        string election = TestInfrastructure.CountingElection;
        var before = (await store.ElectionAsync(election))!;
        var close = HybridVote.Localization.BrusselsTime.Day(before.Calendar.InPersonClose);
        Assert.Equal(close.AddDays(-3), before.Notice.PostBy);
        long audits = await infra.ScalarAsync<long>("SELECT count(*) FROM audit_event WHERE action = 'notice.set' AND subject = $1", election);

        string day = close.AddDays(-5).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(0, (await infra.HvCapturingAsync("calendar", "notice", "--election", election, "--post-by", day, "--postage", "prepaid")).Code);
        Assert.Equal(0, (await infra.HvCapturingAsync("calendar", "notice", "--election", election, "--help-contact", "0800 12 345")).Code);
        Assert.Equal(new ElectionNotice(close.AddDays(-5), true, "0800 12 345"), (await store.ElectionAsync(election))!.Notice);

        var (code, error) = await infra.HvCapturingAsync("calendar", "notice", "--election", election, "--post-by", close.AddDays(2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1, code);
        Assert.Contains("after the in-person close", error, StringComparison.Ordinal);
        Assert.Equal(2, (await infra.HvCapturingAsync("calendar", "notice", "--election", election)).Code);
        Assert.Equal(2, (await infra.HvCapturingAsync("calendar", "notice", "--election", election, "--postage", "free")).Code);
        Assert.Equal(audits + 2, await infra.ScalarAsync<long>("SELECT count(*) FROM audit_event WHERE action = 'notice.set' AND subject = $1", election));
    }
}
