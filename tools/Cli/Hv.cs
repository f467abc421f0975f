using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using HybridVote.Domain;
using HybridVote.Export;
using HybridVote.Hosting;
using HybridVote.Imports;
using HybridVote.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace HybridVote.Cli;

/// <summary>
/// The <c>hv</c> command line of organisers and operators. Exit codes: 0 done; 1 the command ran and
/// failed or found a problem (an import refused, an audit chain broken, a reconciliation that does
/// not add up, the database unreachable); 2 the command line is wrong (nothing was done).
/// </summary>
public static class Hv
{
    /// <summary>Exit code of a command line that cannot be run.</summary>
    public const int UsageError = 2;

    /// <summary>
    /// Runs a command; returns the process exit code. <paramref name="settings"/> override the
    /// environment; <paramref name="output"/> and <paramref name="error"/> receive the help and the
    /// command-line errors instead of the console (tests).
    /// </summary>
    public static async Task<int> RunAsync(string[] argv, IDictionary<string, string?>? settings = null, TextWriter? output = null, TextWriter? error = null)
    {
        error ??= Console.Error;
        var root = Commands.Build(new CommandContext(settings));
        var parsed = root.Parse(argv.Length == 0 ? ["--help"] : argv);
        if (parsed.Errors.Count > 0)
        {
            // Name what is wrong and where to read more; never the whole help.
            foreach (var problem in parsed.Errors)
            {
                await error.WriteLineAsync($"hv: {problem.Message}");
            }

            await error.WriteLineAsync($"Run '{string.Join(' ', ["hv", .. CommandPath(parsed.CommandResult)])} --help' for its options.");
            return UsageError;
        }

        try
        {
            var invocation = new InvocationConfiguration { EnableDefaultExceptionHandler = false, Output = output ?? Console.Out, Error = error };
            int code = await parsed.InvokeAsync(invocation);
            return argv.Length == 0 ? UsageError : code;
        }
        catch (UsageException e)
        {
            await error.WriteLineAsync($"hv: {e.Message}");
            return UsageError;
        }
        catch (Exception e) when (e is FormatException or System.Xml.XmlException or IOException or KeyNotFoundException or NpgsqlException or InvalidOperationException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"hv: {e.GetType().Name}: {e.Message}");
            return 1;
        }
    }

    private static IEnumerable<string> CommandPath(CommandResult? result)
    {
        var names = new Stack<string>();
        for (var r = result; r?.Parent is CommandResult parent; r = parent)
        {
            names.Push(r.Command.Name);
        }

        return names;
    }
}

/// <summary>What every command may need: the settings (tests) and, for database commands, a host.</summary>
/// <param name="Settings">Configuration that overrides the environment, or null.</param>
public sealed record CommandContext(IDictionary<string, string?>? Settings)
{
    /// <summary>The actor recorded in the audit trail for operator commands.</summary>
    public static string Actor => "operator:" + Environment.UserName;

    /// <summary>Runs <paramref name="action"/> with the services of a host built from the settings.</summary>
    public async Task<int> WithServicesAsync(Func<IServiceProvider, Task<int>> action)
    {
        var builder = Host.CreateApplicationBuilder();
        if (Settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(Settings);
        }

        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole().AddFilter(level => level >= LogLevel.Warning);
        builder.Services.AddHybridVoteCore().AddImports().AddSessionKeyRing().AddResultsExport();
        using var host = builder.Build();
        return await action(host.Services);
    }
}
