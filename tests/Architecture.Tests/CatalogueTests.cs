using System.Text.RegularExpressions;
using HybridVote.Hosting;

namespace HybridVote.Architecture.Tests;

/// <summary>
/// functions/catalogue.json is the one declaration of a function (TR020): the gateway and the
/// scripts read it; these tests fail when the Helm values, the OpenFaaS stack, the solution, a
/// function's folder or its Program.cs disagree with it.
/// </summary>
public sealed partial class CatalogueTests
{
    public static TheoryData<string> Functions => [.. FunctionCatalogue.All.Select(f => f.Name)];

    [Fact]
    public void Catalogue_NamesPortsAndPrefixesAreDistinct()
    {
        var all = FunctionCatalogue.All;
        Assert.Equal(all.Count, all.Select(f => f.Name).Distinct().Count());
        Assert.Equal(all.Count, all.Select(f => f.Port).Distinct().Count());
        Assert.All(all, f => Assert.True(f.Port >= 2, $"{f.Name}: ports 0 and 1 are the gateway's and the identity provider's"));
        var prefixes = all.Where(f => f.Prefix is not null).Select(f => f.Prefix).ToList();
        Assert.Equal(prefixes.Count, prefixes.Distinct().Count());
        Assert.All(all, f => Assert.Contains(f.Kind, new[] { "voter", "bureau", "worker" }));
        Assert.All(all, f => Assert.Equal(f.Prefix is null, f.Kind == "worker"));
    }

    [Fact]
    public void FunctionsFolder_HoldsExactlyTheCatalogue()
    {
        var folders = Directory.GetDirectories(Path.Combine(Repository.Root, "functions")).Select(d => Path.GetFileName(d)!).Order().ToList();
        Assert.Equal(FunctionCatalogue.All.Select(f => f.Name).Order().ToList(), folders);
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void Function_IsInTheSolutionAndItsProgramUsesItsName(string name)
    {
        Assert.Contains($"functions/{name}/HybridVote.{name}.csproj", Repository.Read("HybridVote.slnx"), StringComparison.Ordinal);
        // The application is built in one place, which Program.cs and the isolated-worker host both call.
        string application = File.Exists(Path.Combine(Repository.Root, $"functions/{name}/{name}Application.cs")) ? $"functions/{name}/{name}Application.cs" : $"functions/{name}/Program.cs";
        Assert.Contains($"AddHybridVoteDefaults(\"{name}\")", Repository.Read(application), StringComparison.Ordinal);
    }

    [Fact]
    public void HelmValues_DeclareEveryFunctionWithItsPrefixAndHost()
    {
        var values = HelmFunction().Matches(Repository.Read("infra/helm/hybridvote/values.yaml"))
            .ToDictionary(m => m.Groups["key"].Value, m => (Assembly: m.Groups["assembly"].Value, Path: m.Groups["path"].Value.Trim('"'), Bureau: m.Groups["rest"].Value.Contains("bureau: true", StringComparison.Ordinal)));
        Assert.Equal(FunctionCatalogue.All.Select(f => f.Image).Order(), values.Keys.Order());
        foreach (var f in FunctionCatalogue.All)
        {
            var v = values[f.Image];
            Assert.Equal((f.Name, f.Prefix ?? string.Empty, f.Kind == "bureau"), (v.Assembly, v.Path, v.Bureau));
        }
    }

    [Fact]
    public void OpenFaasStack_DeploysEveryFunctionImage()
    {
        var stack = StackImage().Matches(Repository.Read("infra/openfaas/stack.yml")).ToDictionary(m => m.Groups["key"].Value, m => m.Groups["image"].Value);
        Assert.Equal(FunctionCatalogue.All.Select(f => f.Image).Order(), stack.Keys.Order());
        Assert.All(FunctionCatalogue.All, f => Assert.Equal(f.Image, stack[f.Image]));
    }

    [Fact]
    public void Scripts_ReadTheCatalogueInsteadOfListingFunctions()
    {
        string common = Repository.Read("scripts/lib/common.sh");
        Assert.Contains("functions/catalogue.json", common, StringComparison.Ordinal);
        var listed = FunctionCatalogue.All.Where(f => common.Contains(f.Name, StringComparison.Ordinal)).Select(f => f.Name).ToList();
        Assert.True(listed.Count == 0, "scripts/lib/common.sh names functions itself: " + string.Join(", ", listed));
    }

    [GeneratedRegex(@"^  (?<key>[a-z]+): \{ assembly: (?<assembly>\w+), path: (?<path>[^,]*), (?<rest>[^}]*)\}", RegexOptions.Multiline)]
    private static partial Regex HelmFunction();

    [GeneratedRegex(@"^  (?<key>[a-z]+):\s*\n\s+image: [^\n]*/(?<image>[a-z]+):", RegexOptions.Multiline)]
    private static partial Regex StackImage();
}
