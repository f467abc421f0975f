namespace HybridVote.Import;

/// <summary>Positional words and <c>--name value</c> options of a command line.</summary>
public sealed class CliArgs
{
    private readonly Dictionary<string, string> options = new(StringComparer.Ordinal);

    /// <summary>Parses <paramref name="args"/>.</summary>
    public CliArgs(IReadOnlyList<string> args)
    {
        for (int i = 0; i < args.Count; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                options[args[i][2..]] = i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true";
            }
            else
            {
                Words.Add(args[i]);
            }
        }
    }

    /// <summary>The positional words.</summary>
    public List<string> Words { get; } = [];

    /// <summary>The positional word at <paramref name="index"/>, or a usage error.</summary>
    public string Word(int index, string what) => index < Words.Count ? Words[index] : throw new UsageException($"missing {what}");

    /// <summary>An option's value, or null.</summary>
    public string? Option(string name) => options.GetValueOrDefault(name);
}

/// <summary>A command line that cannot be run; exits with code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
