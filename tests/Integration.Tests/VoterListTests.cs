using HybridVote.Imports;
using HybridVote.Domain;
using HybridVote.Storage;

namespace HybridVote.Integration.Tests;

/// <summary>
/// Voter lists at national scale (FR001, NFR006, NFR010): generated signed national data loads
/// through the CLI; a file replaces the earlier voters of its sources; the two load strategies
/// give the same result; refusals name the file and line and write nothing.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class VoterListTests(TestInfrastructure infra) : IDisposable
{
    private static readonly int MidSize = int.Parse(Environment.GetEnvironmentVariable("HV_TEST_NATIONAL_VOTERS") ?? "200000", System.Globalization.CultureInfo.InvariantCulture);
    private readonly string dir = Directory.CreateTempSubdirectory("hv-national-").FullName;

    [Fact]
    public async Task GeneratedNationalData_MidSize_LoadsThroughTheCli_AndLoadingAgainIsANoOp()
    {
        // A database of its own: the generated national numbers may be those of other tests' voters.
        string database = await TestInfrastructure.CreateDatabaseAsync("hv_it_national_" + Guid.NewGuid().ToString("N")[..12]);
        await using var db = Npgsql.NpgsqlDataSource.Create(database);
        async Task<long> Scalar(string sql)
        {
            await using var cmd = db.CreateCommand(sql);
            return (long)(await cmd.ExecuteScalarAsync())!;
        }

        Task<int> Hv(params string[] args) => infra.HvOnAsync(database, args);
        Assert.Equal(0, await Hv("migrate"));
        Assert.Equal(0, await Hv("gen-testdata", "--out", dir, "--voters", MidSize.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed", "7"));
        string trust = Path.Combine(dir, "trust");
        Assert.Equal(0, await Hv("import", "election", Path.Combine(dir, "election.eml"), "--trust", trust));
        foreach (string lists in Directory.GetFiles(dir, "lists-*.eml"))
        {
            Assert.Equal(0, await Hv("import", "lists", lists, "--trust", trust));
        }

        string[] voterFiles = Directory.GetFiles(dir, "voters-*.eml").Order().ToArray();
        Assert.Equal(12, voterFiles.Length);
        Assert.Equal(0, await Hv(["import", "voters", .. voterFiles, "--trust", trust]));
        Assert.Equal((long)MidSize, await Scalar("SELECT count(*) FROM voter"));
        Assert.Equal((long)MidSize, await Scalar("SELECT count(*) FROM voter v JOIN district_contest dc ON dc.district_id = v.district AND dc.election_id = 'CH2029'"));
        // Six elections: the Chamber and Europe for everyone, a regional parliament for voters in Belgium, the German-speaking Community's in the east.
        Assert.Equal(6L, await Scalar("SELECT count(DISTINCT election_id) FROM district_contest dc JOIN voter v ON v.district = dc.district_id"));
        Assert.InRange(await Scalar("SELECT count(*) FROM voter WHERE source LIKE 'POST-%'"), MidSize / 60, MidSize / 40);
        Assert.Equal(11L, await Scalar("SELECT count(*) FROM contest WHERE election_id = 'CH2029'"));
        Assert.Equal(150L, await Scalar("SELECT sum(seats) FROM contest WHERE election_id = 'CH2029'"));

        long audits = await Scalar("SELECT count(*) FROM audit_event WHERE action = 'import.voters'");
        Assert.Equal(0, await Hv(["import", "voters", .. voterFiles, "--trust", trust]));
        Assert.Equal(audits, await Scalar("SELECT count(*) FROM audit_event WHERE action = 'import.voters'"));

        string[] inPerson = Directory.GetFiles(dir, "in-person-CH2029-*.eml").Order().ToArray();
        Assert.Equal(12, inPerson.Length);
        Assert.Equal(0, await Hv(["import", "in-person", .. inPerson, "--election", "CH2029", "--trust", trust]));
        Assert.InRange(await Scalar("SELECT count(*) FROM in_person WHERE election_id = 'CH2029'"), MidSize * 8 / 10, MidSize * 9 / 10);
        Assert.Equal(0, await Hv("audit", "verify"));
    }

    [Fact]
    public async Task AFileForASource_ReplacesItsEarlierVoters_AndLeavesOtherSourcesAlone()
    {
        var (a, b, c) = (Voter(1, "REPL-1"), Voter(2, "REPL-1"), Voter(3, "REPL-1"));
        var other = Voter(4, "REPL-2");
        await infra.Voters().ImportAsync([a, b, other], "test");
        var result = await infra.Voters().ImportAsync([b, c], "test");

        Assert.Equal(2L, result.Replaced);
        Assert.Equal(["REPL-1"], result.Sources);
        Assert.Equal(0L, await Count(a));
        Assert.Equal(1L, await Count(b));
        Assert.Equal(1L, await Count(c));
        Assert.Equal(1L, await Count(other));
    }

    [Fact]
    public async Task AVoterListedByAnotherSource_IsE102_NamingBothPlaces_AndNothingIsWritten()
    {
        var listed = Voter(10, "DUP-1");
        await infra.Voters().ImportAsync([listed], "test");
        var fresh = Voter(11, "DUP-2");
        var error = await Assert.ThrowsAsync<ImportRefused>(() => infra.LoadVotersAsync((fresh, 3), (listed with { Source = "DUP-2" }, 4)));

        Assert.Equal(("E102", 4), (error.Code, error.Line));
        Assert.Contains("source DUP-1", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(listed.NationalNumber, error.Message, StringComparison.Ordinal);
        Assert.Equal(0L, await Count(fresh));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(100_000_000)]
    public async Task MergeAndRebuild_GiveTheSameLists(long expected)
    {
        string source = "STRAT-" + expected;
        // Enough voters in the table that a one-voter load is a small one (the strategy follows the table's size).
        await infra.Voters().ImportAsync(Enumerable.Range(0, 10).Select(i => Voter(50 + i + (expected > 1 ? 10 : 0), source + "-FILL")).ToList(), "test");
        var first = Enumerable.Range(0, 5).Select(i => Voter((expected > 1 ? 40 : 30) + i, source)).ToList();
        long before = await infra.ScalarAsync<long>("SELECT count(*) FROM voter WHERE source <> $1", source);
        var voters = infra.Voters();
        var result = await voters.ImportAsync(first.Select((v, i) => voters.Prepare(new VoterLine(v, i + 1, "strategy.eml"))), "test", [], expected);

        Assert.Equal(expected > 1, result.Rebuilt);
        Assert.Equal(before, await infra.ScalarAsync<long>("SELECT count(*) FROM voter WHERE source <> $1", source));
        Assert.Equal(5L, await infra.ScalarAsync<long>("SELECT count(*) FROM voter WHERE source = $1", source));
        var found = await new VoterStore(infra.Db, new AuditLog(TimeProvider.System)).FindAsync(infra.Pseudonyms.VoterKey(first[2].NationalNumber));
        Assert.Equal([TestInfrastructure.OpenElection], found!.Elections.Select(e => e.ElectionId));
        Assert.Equal(first[2].LabelIdentity, new Sealer(infra.Keys).Open(found.NameSealed, VoterStore.NameContext(found.VoterKey)));
    }

    [Fact]
    public async Task InPersonEntryForAnotherElection_IsE108_AndNothingIsWritten()
    {
        var voters = infra.Voters();
        string nrn = NationalNumber.Compose(970101, 5, false);
        var error = await Assert.ThrowsAsync<ImportRefused>(() => voters.ImportInPersonAsync(TestInfrastructure.OpenElection, EnvelopeRules.ApplyInPersonVote,
            [voters.Prepare(new InPersonLine(nrn, "EU2029", 12, "in-person.eml"))], "test", [], 1));
        Assert.Equal(("E108", 12, "in-person.eml"), (error.Code, error.Line, error.File));
        Assert.Equal(0L, await infra.ScalarAsync<long>("SELECT count(*) FROM in_person WHERE voter_key = $1", infra.Pseudonyms.VoterKey(nrn)));
    }

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private static ListedVoter Voter(int serial, string source) => TestInfrastructure.Listed(NationalNumber.Compose(960101, serial, false), "BW", source: source);

    private Task<long> Count(ListedVoter voter) => infra.ScalarAsync<long>("SELECT count(*) FROM voter WHERE voter_key = $1", infra.Pseudonyms.VoterKey(voter.NationalNumber));
}
