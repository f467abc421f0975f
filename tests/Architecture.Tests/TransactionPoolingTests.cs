using System.Text.RegularExpressions;

namespace HybridVote.Architecture.Tests;

/// <summary>
/// The database is reached through PgBouncer in transaction mode (docs/operations.md): a server
/// connection serves another client after every transaction, so nothing may outlive one. The
/// product's SQL must not take session advisory locks, LISTEN, SET without LOCAL, create temporary
/// tables that stay after the commit, keep cursors WITH HOLD or PREPARE by hand. (Npgsql's automatic
/// preparation is protocol-level and needs PgBouncer 1.21+ with max_prepared_statements, or
/// HybridVote__AutoPrepare=0.)
/// </summary>
public sealed partial class TransactionPoolingTests
{
    [Fact]
    public void NoStatementKeepsSessionState_BeyondItsTransaction()
    {
        var offending = Repository.ProductSources()
            .SelectMany(s => SessionState(s.Text).Select(what => $"{s.Path}: {what}"))
            .ToList();
        Assert.True(offending.Count == 0, string.Join('\n', offending));
    }

    [Theory]
    [InlineData("SELECT pg_advisory_lock(42)")]
    [InlineData("SELECT pg_try_advisory_lock(1, 2)")]
    [InlineData("LISTEN receipts")]
    [InlineData("\"SET statement_timeout = 0\"")]
    [InlineData("\"\"\"\n    SET search_path TO x")]
    [InlineData("CREATE TEMP TABLE t (x int)")]
    [InlineData("DECLARE c CURSOR WITH HOLD FOR SELECT 1")]
    [InlineData("PREPARE q AS SELECT 1")]
    public void TheCheck_FindsEachKindOfSessionState(string sql) => Assert.NotEmpty(SessionState(sql));

    [Theory]
    [InlineData("SELECT pg_advisory_xact_lock(42)")]
    [InlineData("\"SET LOCAL hybridvote.retention_purge = 'on'\"")]
    [InlineData("UPDATE envelope e SET print_count = 1")]
    [InlineData("CREATE TEMP TABLE voter_in (LIKE voter INCLUDING DEFAULTS) ON COMMIT DROP")]
    public void TheCheck_LetsTransactionScopedStatementsBe(string sql) => Assert.Empty(SessionState(sql));

    private static IEnumerable<string> SessionState(string text)
    {
        foreach (Match m in SessionLock().Matches(text))
        {
            yield return $"session advisory lock '{m.Value}' (use pg_advisory_xact_lock)";
        }

        foreach (Match m in Listen().Matches(text))
        {
            yield return $"'{m.Value.Trim()}' holds the session";
        }

        foreach (Match m in SessionSet().Matches(text))
        {
            yield return $"'{m.Value.Trim()}' without LOCAL outlives the transaction";
        }

        foreach (Match m in TempTable().Matches(text))
        {
            if (!text.AsSpan(m.Index, Math.Min(300, text.Length - m.Index)).ToString().Split('\n')[0].Contains("ON COMMIT DROP", StringComparison.Ordinal))
            {
                yield return "a temporary table without ON COMMIT DROP";
            }
        }

        foreach (Match m in HeldOrPrepared().Matches(text))
        {
            yield return $"'{m.Value}' outlives the transaction";
        }
    }

    [GeneratedRegex(@"pg_(try_)?advisory_lock(_shared)?\s*\(")]
    private static partial Regex SessionLock();

    [GeneratedRegex(@"(^|[""\s;])LISTEN\s+\w")]
    private static partial Regex Listen();

    // A statement that starts with SET (a string literal's first word), not SET LOCAL.
    [GeneratedRegex(@"""(?:"""")?\s*SET\s+(?!LOCAL\b)\w")]
    private static partial Regex SessionSet();

    [GeneratedRegex(@"CREATE\s+TEMP(ORARY)?\s+TABLE")]
    private static partial Regex TempTable();

    [GeneratedRegex(@"WITH\s+HOLD|(^|[""\s;])PREPARE\s+\w+\s+(AS|\()")]
    private static partial Regex HeldOrPrepared();
}
