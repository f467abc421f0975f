using HybridVote.Imports;
using HybridVote.Domain;
using HybridVote.Storage;

namespace HybridVote.Integration.Tests;

/// <summary>Numbered semantic checks of imports: the load is refused, names the line, and writes nothing.</summary>
[Collection(InfrastructureCollection.Name)]
public sealed class ImportCheckTests(TestInfrastructure infra)
{
    [Fact]
    public async Task Voters_SameVoterTwiceForAnElection_IsE102AtTheSecondLine()
    {
        string nrn = NationalNumber.Compose(980101, 1, false), other = NationalNumber.Compose(980101, 2, false);
        var error = await Assert.ThrowsAsync<ImportRefused>(() => infra.LoadVotersAsync(
            (Voter(other, "BW"), 10), (Voter(nrn, "BW"), 20), (Voter(nrn, "BW"), 30)));
        Assert.Equal(("E102", 30), (error.Code, error.Line));
        Assert.DoesNotContain(nrn, error.Message, StringComparison.Ordinal);
        Assert.Equal(0L, await infra.ScalarAsync<long>("SELECT count(*) FROM voter WHERE voter_key = $1", infra.Pseudonyms.VoterKey(other)));
    }

    [Fact]
    public async Task Voters_UnknownConstituency_IsE107_InvalidNationalNumber_IsE109()
    {
        var unknown = await Assert.ThrowsAsync<ImportRefused>(() => infra.LoadVotersAsync((Voter(NationalNumber.Compose(980102, 1, false), "XX"), 7)));
        Assert.Equal(("E107", 7), (unknown.Code, unknown.Line));
        var invalid = await Assert.ThrowsAsync<ImportRefused>(() => infra.LoadVotersAsync((Voter("12345678901", "BW"), 9)));
        Assert.Equal(("E109", 9), (invalid.Code, invalid.Line));
    }

    [Fact]
    public async Task Voters_WithoutSourceOrElection_IsE106()
    {
        var noSource = Voter(NationalNumber.Compose(980103, 1, false), "BW") with { Source = string.Empty };
        var error = await Assert.ThrowsAsync<ImportRefused>(() => infra.LoadVotersAsync((noSource, 5)));
        Assert.Equal(("E106", 5, "test.eml"), (error.Code, error.Line, error.File));
        var noElection = Voter(NationalNumber.Compose(980103, 2, false), "BW") with { Contests = [] };
        Assert.Equal("E106", (await Assert.ThrowsAsync<ImportRefused>(() => infra.LoadVotersAsync((noElection, 6)))).Code);
    }

    [Fact]
    public async Task Lists_NumberReusedOrUnknownConstituency_AreE103AndE107()
    {
        var reused = await Assert.ThrowsAsync<ImportRefused>(() => infra.Importer().ImportListsAsync(
        [
            new CandidateListDefinition(TestInfrastructure.OpenElection, "BW", 4, "A", ["X Y"], []),
            new CandidateListDefinition(TestInfrastructure.OpenElection, "BW", 4, "B", ["Z W"], []),
        ], "test"));
        Assert.Equal("E103", reused.Code);
        var unknown = await Assert.ThrowsAsync<ImportRefused>(() => infra.Importer().ImportListsAsync(
            [new CandidateListDefinition(TestInfrastructure.OpenElection, "XX", 1, "A", ["X Y"], [])], "test"));
        Assert.Equal("E107", unknown.Code);
    }

    [Fact]
    public async Task Election_CalendarOutOfOrder_IsE105()
    {
        var now = DateTimeOffset.UtcNow;
        var election = new ElectionDefinition("EV", "BAD", "Bad", new ElectionCalendar(now, now.AddDays(-1), now, now.AddDays(1)),
            [new ContestDefinition("C", "C", "fr", 1, new BureauDefinition("BAD-1", "B", "A"))]);
        Assert.Equal("E105", (await Assert.ThrowsAsync<ImportRefused>(() => infra.Importer().ImportElectionAsync(election, "test"))).Code);
        Assert.Equal(0L, await infra.ScalarAsync<long>("SELECT count(*) FROM election WHERE id = 'BAD'"));
    }

    private static ListedVoter Voter(string nrn, string contest) => TestInfrastructure.Listed(nrn, contest, source: "CHECKS");
}
