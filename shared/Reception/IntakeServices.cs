using HybridVote.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace HybridVote.Reception;

/// <summary>Registers the intake of scanned envelopes, the same for the scanners' API and the reception station (after the core services).</summary>
public static class IntakeServices
{
    /// <summary>
    /// Adds <see cref="IntakeService"/> with its scan lookup and the group-committing <see cref="ReceiptWriter"/>,
    /// which also runs as a hosted service so that receipts handed over are written before the process exits.
    /// </summary>
    /// <param name="verdicts">Whether the writer reads each receipt's verdict facts (true unless the function's options say otherwise).</param>
    public static IServiceCollection AddEnvelopeIntake(this IServiceCollection services, Func<IServiceProvider, bool>? verdicts = null) => services
        .AddSingleton<ScanLookup>()
        .AddSingleton(sp => new ReceiptWriter(sp.GetRequiredService<ReceiptQueue>(), verdicts?.Invoke(sp) ?? true))
        .AddHostedService(sp => sp.GetRequiredService<ReceiptWriter>())
        .AddSingleton<IntakeService>();
}
