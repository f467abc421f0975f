using HybridVote.Domain;
using HybridVote.Storage;

namespace HybridVote.Integration.Tests;

/// <summary>A counting bureau's double entry kept in PostgreSQL: compare-and-set, round trip, an audit without figures.</summary>
[Collection(InfrastructureCollection.Name)]
public sealed class TallyStoreTests(TestInfrastructure infra)
{
    private static readonly TallyLayout Layout = new([new TallyList(1, 2, 1), new TallyList(2, 1, 0)]);

    [Fact]
    public async Task DoubleEntry_StoredBetweenItsSteps_ReachesDefinitive_AndAStaleWriteIsRefused()
    {
        var store = new TallyStore(infra.Db, new AuditLog(TimeProvider.System));
        string bureau = "T2-VB-001";
        var values = Layout.Fields.ToDictionary(f => f, f => 0L);
        values[TallyLayout.Opened] = 12;
        values[TallyLayout.Class(BallotClassification.Valid)] = 12;
        values[TallyLayout.Valid] = 12;
        values[TallyLayout.ListTotal(1)] = 12;
        values[TallyLayout.ListOnly(1)] = 12;

        // The first typist's entry is saved; a second save from the same read is refused.
        var (first, _) = DoubleEntry.Start(Layout).Enter("staff:anna", values);
        Assert.True(await store.SaveAsync(bureau, first, 0, "staff:anna", "tally.entry"));
        Assert.False(await store.SaveAsync(bureau, first, 0, "staff:anna", "tally.entry"));

        // The second typist differs in one field; the president decides it from the paper.
        var loaded = (await store.LoadAsync(bureau))!;
        // jsonb keeps the values, not their order.
        Assert.Equal((first.State, first.Round, first.First!.Typist), (loaded.Entry.State, loaded.Entry.Round, loaded.Entry.First!.Typist));
        Assert.Equal(first.First.Values.OrderBy(p => p.Key, StringComparer.Ordinal), loaded.Entry.First.Values.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(first.Open, loaded.Entry.Open);
        var (second, refusal) = loaded.Entry.Enter("staff:bert", new Dictionary<string, long>(values) { [TallyLayout.ListOnly(1)] = 11 });
        Assert.Null(refusal);
        Assert.True(await store.SaveAsync(bureau, second, loaded.Version, "staff:bert", "tally.entry"));
        loaded = (await store.LoadAsync(bureau))!;
        Assert.Equal(EntryState.Differences, loaded.Entry.State);
        Assert.Equal((12L, 11L), loaded.Entry.Differing[TallyLayout.ListOnly(1)]);
        var (decided, _) = loaded.Entry.Decide("staff:paula", TallyLayout.ListOnly(1), 12);
        Assert.True(await store.SaveAsync(bureau, decided, loaded.Version, "staff:paula", "tally.decide"));

        var done = (await store.LoadAsync(bureau))!.Entry;
        Assert.Equal(EntryState.Definitive, done.State);
        Assert.Empty(TallyChecks.Run(done.Values!, new CheckContext(Layout)));
        // The trail says who did what to which sheet, never a figure (FR012).
        Assert.Equal(3L, await infra.ScalarAsync<long>("SELECT count(*) FROM audit_event WHERE subject = $1 AND action LIKE 'tally.%'", bureau));
        Assert.Equal(0L, await infra.ScalarAsync<long>("SELECT count(*) FROM audit_event WHERE subject = $1 AND details LIKE '%list:%'", bureau));
    }
}
