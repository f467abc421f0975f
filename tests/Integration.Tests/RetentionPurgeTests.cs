using HybridVote.Domain;
using HybridVote.Storage;
using StackExchange.Redis;

namespace HybridVote.Integration.Tests;

/// <summary>
/// The retention purge (NFR001, NFR011): refused before the validation; after it, no voter key,
/// label data, K-code hash or session of the election remains, while its counts and the audit
/// chain do; a second run deletes nothing.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class RetentionPurgeTests(TestInfrastructure infra)
{
    [Fact]
    public async Task Purge_RefusedBeforeValidation_ThenErasesTheVoterData_KeepsCountsAndAudit_AndIsIdempotent()
    {
        var setup = await infra.NewCountingElectionAsync();
        string election = setup.ElectionId;
        var (_, onlyHere) = await infra.NewVoterAsync("BW", election);
        var (_, alsoInT1) = await infra.NewVoterAsync("BW", election, TestInfrastructure.OpenElection);
        var voters = new VoterStore(infra.Db, new AuditLog(TimeProvider.System));
        var sealer = new Sealer(infra.Keys);
        foreach (var key in new[] { onlyHere, alsoInT1 })
        {
            await voters.RecordPrintAsync(key, [election, TestInfrastructure.OpenElection], LabelToken.New, sealer.Seal, infra.Pseudonyms.LabelTokenHash);
        }

        await ExecAsync("""
            INSERT INTO receipt (bureau_id, idempotency_key, label_token_hash, scanned_at)
            SELECT $2, 'purge-' || encode(e.voter_key, 'hex'), e.label_token_hash, now() FROM envelope e WHERE e.election_id = $1
            """, election, setup.Main);
        await ExecAsync("INSERT INTO receipt_outcome (receipt_id, outcome) SELECT id, 'accepted' FROM receipt WHERE bureau_id = $1", setup.Main);
        await ExecAsync("INSERT INTO in_person (election_id, voter_key) VALUES ($1, $2)", election, onlyHere);
        await ExecAsync("INSERT INTO registered_ballot (kcode_hash, election_id, contest_id, bureau_id, classification, registered_on) VALUES ($1, $2, 'BW', $3, 'valid', current_date)",
            new byte[] { 1, 2, 3, (byte)election.Length }, election, setup.Main);
        await ExecAsync("INSERT INTO registration_entry (bureau_id, entry_id, kcode_hash, result) VALUES ($1, 'purge-1', $2, 'registered')", setup.Main, new byte[] { 1, 2, 3 });
        await ExecAsync("INSERT INTO tally_lock (bureau_id, snapshot, sha256, locked_by) VALUES ($1, '{\"figures\":1}', 'abc', 'staff:test')", setup.Main);
        await ExecAsync("INSERT INTO reception_close (bureau_id, closed_at, closed_by, counted_accepted, counted_set_aside) VALUES ($1, now(), 'staff:test', 2, 0)", setup.Main);
        await infra.NewStaffAsync(StaffRole.President, setup.Main, election);
        await ExecAsync("INSERT INTO session_revocation (sid, expires_at) VALUES ($1, now() - interval '1 hour'), ($2, now() + interval '1 hour')",
            new byte[] { 9, 9, (byte)election.Length, 1 }, new byte[] { 9, 9, (byte)election.Length, 2 });
        using var redis = await ConnectionMultiplexer.ConnectAsync(infra.Redis);
        await redis.GetDatabase().StringSetAsync(StatusCache.EnvelopeKey(onlyHere), "{}");

        var purge = new RetentionPurge(infra.Db, new AuditLog(TimeProvider.System), redis, TimeProvider.System);
        long envelopesBefore = await CountAsync("SELECT count(*) FROM envelope WHERE election_id = $1", election);
        Assert.Equal(2, envelopesBefore);

        // Before the validation: refused, nothing deleted.
        Assert.IsType<PurgeOutcome.NotValidatedYet>(await purge.PurgeAsync(election, "operator:test"));
        Assert.Equal(1, (await infra.HvCapturingAsync("purge", "--election", election)).Code);
        Assert.Equal(envelopesBefore, await CountAsync("SELECT count(*) FROM envelope WHERE election_id = $1", election));

        var store = new ElectionStore(infra.Db, new AuditLog(TimeProvider.System));
        var calendar = (await store.ElectionAsync(election))!.Calendar;
        await store.SetCalendarAsync(election, calendar with { ValidatedAt = DateTimeOffset.UtcNow.AddMinutes(-1) }, "organiser:test");
        Assert.Contains(election, await purge.DueAsync());

        var done = Assert.IsType<PurgeOutcome.Purged>(await purge.PurgeAsync(election, "operator:test"));
        Assert.Equal(2, done.Deleted["envelope"]);
        Assert.Equal(1, done.Deleted["voter"]);
        Assert.True(done.Sessions >= 1);

        // Nothing that links to a voter, a label or a ballot of this election remains.
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM voter WHERE voter_key = $1", onlyHere));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM envelope WHERE election_id = $1", election));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM receipt WHERE bureau_id = $1", setup.Main));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM in_person WHERE election_id = $1", election));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM registered_ballot WHERE election_id = $1", election));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM registration_entry WHERE bureau_id = $1", setup.Main));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM staff_assignment WHERE election_id = $1", election));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM bureau_credential b JOIN bureau u ON u.id = b.bureau_id WHERE u.election_id = $1", election));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM session_revocation WHERE expires_at < now()"));
        Assert.False(await redis.GetDatabase().KeyExistsAsync(StatusCache.EnvelopeKey(onlyHere)));

        // The other election's voter and envelope stay; the counts and the audit chain stay.
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM voter WHERE voter_key = $1", alsoInT1));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM envelope WHERE voter_key = $1 AND election_id = $2", alsoInT1, TestInfrastructure.OpenElection));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM session_revocation WHERE sid = $1", new byte[] { 9, 9, (byte)election.Length, 2 }));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM tally_lock WHERE bureau_id = $1", setup.Main));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM reception_close WHERE bureau_id = $1", setup.Main));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM audit_event WHERE action = 'purge.election' AND subject = $1", election));
        Assert.Equal(0, (await infra.HvCapturingAsync("audit", "verify")).Code);

        // Idempotent: a second run deletes nothing, and is audited too.
        var again = Assert.IsType<PurgeOutcome.Purged>(await purge.PurgeAsync(election, "operator:test"));
        Assert.All(again.Deleted.Values, n => Assert.Equal(0, n));
        Assert.DoesNotContain(election, await purge.DueAsync());
        Assert.Equal(0, (await infra.HvCapturingAsync("purge", "--election", election)).Code);
        Assert.Equal(2, (await infra.HvCapturingAsync("purge")).Code);
    }

    private async Task ExecAsync(string sql, params object[] args)
    {
        await using var cmd = infra.Db.CreateCommand(sql);
        foreach (var arg in args)
        {
            cmd.Parameters.Add(new Npgsql.NpgsqlParameter { Value = arg });
        }

        await cmd.ExecuteNonQueryAsync();
    }

    private Task<long> CountAsync(string sql, params object[] args) => infra.ScalarAsync<long>(sql, args);
}
