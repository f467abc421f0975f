using HybridVote.Hosting;

namespace HybridVote.BallotRender;

/// <summary>
/// The BallotRender function as one ASP.NET Core application: its services, middleware and endpoints.
/// Both hosts build it here: Program.cs runs it on Kestrel, and the isolated-worker host
/// (isolated/BallotRender) hands it the requests of its HTTP triggers.
/// </summary>
public static class BallotRenderApplication
{
    /// <summary>Adds the function's services to <paramref name="builder"/> and builds its pipeline and endpoints.</summary>
    public static WebApplication Build(WebApplicationBuilder builder)
    {
        builder.AddHybridVoteDefaults("BallotRender");
        builder.Services.AddSingleton<BallotService>();

        var app = builder.Build();
        app.UseHybridVoteDefaults();
        app.MapBallotEndpoints();
        return app;
    }
}
