using HybridVote.Export;
using HybridVote.Hosting;

namespace HybridVote.CountingStation;

/// <summary>
/// The CountingStation function as one ASP.NET Core application: its services, middleware and endpoints.
/// Both hosts build it here: Program.cs runs it on Kestrel, and the isolated-worker host
/// (isolated/CountingStation) hands it the requests of its HTTP triggers.
/// </summary>
public static class CountingStationApplication
{
    /// <summary>Adds the function's services to <paramref name="builder"/> and builds its pipeline and endpoints.</summary>
    public static WebApplication Build(WebApplicationBuilder builder)
    {
        builder.AddHybridVoteDefaults("CountingStation");
        builder.Services.AddSingleton<TallyService>();
        builder.Services.AddSingleton<ProgressService>();
        builder.Services.AddSingleton<ResultsService>();
        builder.Services.AddResultsExport();

        var app = builder.Build();
        app.UseHybridVoteDefaults();
        app.MapCountingEndpoints();
        return app;
    }
}
