using System.Reflection;
using System.Text.RegularExpressions;

namespace HybridVote.Architecture.Tests;

/// <summary>The repository's files and the project's assemblies, as the rules read them.</summary>
internal static partial class Repository
{
    /// <summary>The repository root (the folder of HybridVote.slnx).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Every C# and Razor source file under <paramref name="folder"/> (relative to the root), bin and obj excluded.</summary>
    public static IEnumerable<(string Path, string Text)> Sources(string folder) =>
        Directory.EnumerateFiles(Path.Combine(Root, folder), "*.*", SearchOption.AllDirectories)
            .Where(p => p.EndsWith(".cs", StringComparison.Ordinal) || p.EndsWith(".razor", StringComparison.Ordinal))
            .Where(p => !p.Contains("/bin/", StringComparison.Ordinal) && !p.Contains("/obj/", StringComparison.Ordinal))
            .Select(p => (Path.GetRelativePath(Root, p), File.ReadAllText(p)));

    /// <summary>The product's sources: shared libraries, functions and their isolated-worker hosts, the CLI (not tests, not development infrastructure).</summary>
    public static IEnumerable<(string Path, string Text)> ProductSources() => Sources("shared").Concat(Sources("functions")).Concat(Sources("isolated")).Concat(Sources("tools"));

    /// <summary>A file's text.</summary>
    public static string Read(string relative) => File.ReadAllText(Path.Combine(Root, relative));

    /// <summary>The loaded assembly named <paramref name="name"/> (the test project references every function).</summary>
    public static Assembly Load(string name) => Assembly.Load(name);

    /// <summary>The names of the assemblies <paramref name="assembly"/> references.</summary>
    public static IReadOnlyList<string> References(Assembly assembly) => assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

    /// <summary>String literals of a C# source (regular and verbatim/raw strings are approximated by quotes).</summary>
    public static IEnumerable<string> Literals(string source) => LiteralPattern().Matches(source).Select(m => m.Groups[1].Value);

    [GeneratedRegex("\"((?:[^\"\\\\\\n]|\\\\.)*)\"")]
    private static partial Regex LiteralPattern();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HybridVote.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("HybridVote.slnx not found above " + AppContext.BaseDirectory);
    }
}
