using HybridVote.Hosting;

namespace HybridVote.KCodeIssue;

/// <summary>
/// The KCodeIssue function as one ASP.NET Core application: its services, middleware and endpoints.
/// Both hosts build it here: Program.cs runs it on Kestrel, and the isolated-worker host
/// (isolated/KCodeIssue) hands it the requests of its HTTP triggers.
/// </summary>
public static class KCodeIssueApplication
{
    /// <summary>Adds the function's services to <paramref name="builder"/> and builds its pipeline and endpoints.</summary>
    public static WebApplication Build(WebApplicationBuilder builder)
    {
        builder.AddHybridVoteDefaults("KCodeIssue");
        builder.Services.AddSingleton<KCodeService>();
        builder.Services.AddSingleton<ShownCodes>();

        var app = builder.Build();
        app.UseHybridVoteDefaults();
        app.MapKCodeEndpoints();
        return app;
    }
}
