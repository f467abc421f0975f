using Microsoft.Extensions.DependencyInjection;

namespace HybridVote.Export;

/// <summary>Registers the results export (after the core services).</summary>
public static class ExportServices
{
    /// <summary>Adds <see cref="ResultsExport"/>.</summary>
    public static IServiceCollection AddResultsExport(this IServiceCollection services) => services.AddSingleton<ResultsExport>();
}
