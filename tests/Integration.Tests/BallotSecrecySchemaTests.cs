namespace HybridVote.Integration.Tests;

/// <summary>
/// Ballot secrecy in the schema (HYP02, ARCHITECTURE §3): what is stored about a counted ballot is
/// its K-code's keyed hash and its classification — never the list or the candidates chosen — and
/// no table keyed by a K-code hash can hold a vote or a voter.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class BallotSecrecySchemaTests(TestInfrastructure infra)
{
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["registered_ballot"] = ["kcode_hash", "election_id", "contest_id", "bureau_id", "classification", "registered_on", "copies"],
        ["registration_entry"] = ["bureau_id", "entry_id", "kcode_hash", "result", "classification", "registered_at", "decision", "decided_by"],
    };

    [Fact]
    public async Task TablesKeyedByAKCodeHash_HoldOnlyTheClassification_NeverAListACandidateOrAVoter()
    {
        var columns = new List<(string Table, string Column)>();
        await using (var cmd = infra.Db.CreateCommand("SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'"))
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                columns.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        var keyedByCode = columns.Where(c => c.Column == "kcode_hash").Select(c => c.Table).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Allowed.Keys.Order(StringComparer.Ordinal), keyedByCode);
        foreach (string table in keyedByCode)
        {
            Assert.Equal(Allowed[table].Order(StringComparer.Ordinal), columns.Where(c => c.Table == table).Select(c => c.Column).Order(StringComparer.Ordinal));
        }

        // Nothing anywhere names a list or a candidate next to a code or a voter.
        Assert.DoesNotContain(columns, c => (c.Column.Contains("list", StringComparison.Ordinal) || c.Column.Contains("candidate", StringComparison.Ordinal))
            && columns.Any(o => o.Table == c.Table && (o.Column == "kcode_hash" || o.Column == "voter_key")));
    }
}
