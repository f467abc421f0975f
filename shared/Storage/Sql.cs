using Npgsql;

namespace HybridVote.Storage;

/// <summary>Small helpers around Npgsql commands used by every store.</summary>
internal static class Sql
{
    public static async Task ExecAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Bulk-load steps (index builds, table rebuilds over millions of rows): no command timeout.</summary>
    public static NpgsqlCommand Unbounded(this NpgsqlCommand command)
    {
        command.CommandTimeout = 0;
        return command;
    }

    public static NpgsqlCommand Command(NpgsqlConnection conn, NpgsqlTransaction? tx, string sql, params object?[] args)
    {
        var cmd = new NpgsqlCommand(sql, conn, tx);
        foreach (var arg in args)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = arg ?? DBNull.Value });
        }

        return cmd;
    }

    public static NpgsqlBatchCommand BatchCommand(string sql, params object?[] args)
    {
        var cmd = new NpgsqlBatchCommand(sql);
        foreach (var arg in args)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = arg ?? DBNull.Value });
        }

        return cmd;
    }

    public static async Task ExecBatchAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct, params NpgsqlBatchCommand[] commands)
    {
        await using var batch = new NpgsqlBatch(conn, tx);
        foreach (var command in commands)
        {
            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync(ct);
    }

    public static DateTime Utc(DateTimeOffset value) => value.UtcDateTime;

    public static DateTimeOffset Offset(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
