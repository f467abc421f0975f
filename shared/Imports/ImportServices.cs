using Microsoft.Extensions.DependencyInjection;

namespace HybridVote.Imports;

/// <summary>Registers the organiser and operator stores; only the <c>hv</c> CLI calls it, no function does.</summary>
public static class ImportServices
{
    /// <summary>Adds the importers, the reconciliation and the reject store.</summary>
    public static IServiceCollection AddImports(this IServiceCollection services) => services
        .AddSingleton<ElectionImporter>()
        .AddSingleton<VoterListImporter>()
        .AddSingleton<StaffImporter>()
        .AddSingleton<Reconciliation>()
        .AddSingleton<RejectStore>();
}
