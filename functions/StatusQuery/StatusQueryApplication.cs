using HybridVote.Hosting;

namespace HybridVote.StatusQuery;

/// <summary>
/// The StatusQuery function as one ASP.NET Core application: its services, middleware and endpoints.
/// Both hosts build it here: Program.cs runs it on Kestrel, and the isolated-worker host
/// (isolated/StatusQuery) hands it the requests of its HTTP triggers.
/// </summary>
public static class StatusQueryApplication
{
    /// <summary>Adds the function's services to <paramref name="builder"/> and builds its pipeline and endpoints.</summary>
    public static WebApplication Build(WebApplicationBuilder builder)
    {
        builder.AddHybridVoteDefaults("StatusQuery");
        builder.Services.AddOptions<CheckLimitOptions>().BindConfiguration(CheckLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<StatusService>();

        var app = builder.Build();
        app.UseHybridVoteDefaults();
        app.MapStatusEndpoints();
        return app;
    }
}
