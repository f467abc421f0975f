using System.Text.Json;
using System.Text.Json.Serialization;

namespace HybridVote.Hosting;

/// <summary>One deployable function as <c>functions/catalogue.json</c> declares it.</summary>
/// <param name="Name">The function's name (project <c>functions/{Name}</c>, assembly <c>HybridVote.{Name}</c>).</param>
/// <param name="Prefix">The path prefix routed to it, or null for a queue worker.</param>
/// <param name="Port">Offset from the base port of scripts/run and scripts/test.</param>
/// <param name="Image">The container image name.</param>
/// <param name="Kind">voter, bureau or worker.</param>
public sealed record FunctionEntry(string Name, string? Prefix, int Port, string Image, string Kind);

/// <summary>
/// The function catalogue (TR020): the one list of functions, their route prefixes, local ports and
/// images, embedded from <c>functions/catalogue.json</c>. The gateway and scripts read it; a test
/// checks that the chart, the OpenFaaS stack, the solution and every Program.cs agree with it.
/// </summary>
public static class FunctionCatalogue
{
    private static readonly Lazy<IReadOnlyList<FunctionEntry>> Entries = new(Load);

    /// <summary>Every function, in catalogue order.</summary>
    public static IReadOnlyList<FunctionEntry> All => Entries.Value;

    /// <summary>The entry of <paramref name="name"/>; throws when the function is not in the catalogue.</summary>
    public static FunctionEntry Get(string name) =>
        All.FirstOrDefault(f => f.Name == name) ?? throw new InvalidOperationException($"function {name} is not in functions/catalogue.json");

    private static List<FunctionEntry> Load()
    {
        using var stream = typeof(FunctionCatalogue).Assembly.GetManifestResourceStream("HybridVote.Hosting.catalogue.json")!;
        return JsonSerializer.Deserialize<CatalogueFile>(stream, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!.Functions;
    }

    private sealed record CatalogueFile([property: JsonPropertyName("functions")] List<FunctionEntry> Functions);
}
