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
}
