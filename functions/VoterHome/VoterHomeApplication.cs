using HybridVote.Hosting;

namespace HybridVote.VoterHome;

/// <summary>
/// The VoterHome function as one ASP.NET Core application: its services, middleware and endpoints.
/// Both hosts build it here: Program.cs runs it on Kestrel, and the isolated-worker host
/// (isolated/VoterHome) hands it the requests of its HTTP triggers.
/// </summary>
public static class VoterHomeApplication
{
    /// <summary>Adds the function's services to <paramref name="builder"/> and builds its pipeline and endpoints.</summary>
    public static WebApplication Build(WebApplicationBuilder builder)
    {
        builder.AddHybridVoteDefaults("VoterHome");
        builder.Services.AddSingleton<HomeService>();

        var app = builder.Build();
        app.UseHybridVoteDefaults();
        app.MapHomeEndpoints();
        return app;
    }
}
