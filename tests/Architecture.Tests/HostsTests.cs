using System.Text.RegularExpressions;
using HybridVote.Hosting;

namespace HybridVote.Architecture.Tests;

/// <summary>
/// One application per function, two hosts, no logic in either (TR020): the Kestrel host and the
/// isolated-worker host each only run the function's application, and every trigger only hands its
/// request to it. A host that grows a line of its own fails here.
/// </summary>
public sealed partial class HostsTests
{
    public static TheoryData<string> HttpFunctions => [.. FunctionCatalogue.All.Where(f => f.Prefix is not null).Select(f => f.Name)];

    [Theory]
    [MemberData(nameof(HttpFunctions))]
    public void KestrelHost_OnlyRunsTheApplication(string name) =>
        Assert.Equal([$"{name}Application.Build(WebApplication.CreateBuilder(args)).Run();"], Statements($"functions/{name}/Program.cs"));

    [Theory]
    [MemberData(nameof(HttpFunctions))]
    public void IsolatedHost_OnlyRunsTheApplication(string name) =>
        Assert.Equal([$"IsolatedHost.Run(args, {name}Application.Build);"], Statements($"isolated/{name}/Program.cs"));

    [Theory]
    [MemberData(nameof(HttpFunctions))]
    public void IsolatedTriggers_OnlyHandTheRequestToTheApplication(string name)
    {
        string source = Repository.Read($"isolated/{name}/{name}Functions.cs");
        int functions = FunctionAttribute().Matches(source).Count;
        var triggers = Trigger().Matches(source);
        Assert.True(functions > 0, $"isolated/{name} declares no trigger");
        Assert.Equal(functions, triggers.Count);
        Assert.All(triggers, m => Assert.Equal("application.HandleAsync(request.HttpContext);", m.Groups["body"].Value));
        Assert.Equal(functions, Regex.Matches(source, "=>").Count);
    }

    [Theory]
    [MemberData(nameof(HttpFunctions))]
    public void IsolatedApp_ReferencesOnlyItsFunction(string name) =>
        Assert.Equal([$"../../functions/{name}/HybridVote.{name}.csproj"],
            ProjectReference().Matches(Repository.Read($"isolated/{name}/HybridVote.{name}.Isolated.csproj")).Select(m => m.Groups[1].Value));

    // The statements of a top-level program: its lines without usings, comments and blanks.
    private static List<string> Statements(string path) =>
        Repository.Read(path).Split('\n').Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith("using ", StringComparison.Ordinal) && !l.StartsWith("//", StringComparison.Ordinal)).ToList();

    [GeneratedRegex(@"\[Function\(")]
    private static partial Regex FunctionAttribute();

    [GeneratedRegex(@"\[Function\(""\w+""\)\]\s*public Task \w+\(\[HttpTrigger\([^\]]*\)\] HttpRequest request\) => (?<body>[^\n]*)")]
    private static partial Regex Trigger();

    [GeneratedRegex(@"<ProjectReference Include=""([^""]+)""")]
    private static partial Regex ProjectReference();
}
