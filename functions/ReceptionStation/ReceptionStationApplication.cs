using HybridVote.Hosting;
using HybridVote.Reception;
using HybridVote.Storage;

namespace HybridVote.ReceptionStation;

/// <summary>
/// The ReceptionStation function as one ASP.NET Core application: its services, middleware and endpoints.
/// Both hosts build it here: Program.cs runs it on Kestrel, and the isolated-worker host
/// (isolated/ReceptionStation) hands it the requests of its HTTP triggers.
/// </summary>
public static class ReceptionStationApplication
{
    /// <summary>Adds the function's services to <paramref name="builder"/> and builds its pipeline and endpoints.</summary>
    public static WebApplication Build(WebApplicationBuilder builder)
    {
        builder.AddHybridVoteDefaults("ReceptionStation");
        builder.Services.AddSingleton<ScanLookup>();
        builder.Services.AddSingleton(sp => new ReceiptWriter(sp.GetRequiredService<ReceiptQueue>()));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ReceiptWriter>());
        builder.Services.AddSingleton<IntakeService>();
        builder.Services.AddSingleton<StationService>();

        var app = builder.Build();
        app.UseHybridVoteDefaults();
        app.MapStationEndpoints();
        return app;
    }
}
