using HybridVote.Hosting;
using HybridVote.Reception;

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
        builder.Services.AddEnvelopeIntake();
        builder.Services.AddSingleton<StationService>();

        var app = builder.Build();
        app.UseHybridVoteDefaults();
        app.MapStationEndpoints();
        return app;
    }
}
