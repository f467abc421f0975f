using HybridVote.Hosting;

namespace HybridVote.BallotRegistration;

/// <summary>
/// The BallotRegistration function as one ASP.NET Core application: its services, middleware and endpoints.
/// Both hosts build it here: Program.cs runs it on Kestrel, and the isolated-worker host
/// (isolated/BallotRegistration) hands it the requests of its HTTP triggers.
/// </summary>
public static class BallotRegistrationApplication
{
    /// <summary>Adds the function's services to <paramref name="builder"/> and builds its pipeline and endpoints.</summary>
    public static WebApplication Build(WebApplicationBuilder builder)
    {
        builder.AddHybridVoteDefaults("BallotRegistration");
        builder.AddBureauAuthentication();
        builder.Services.AddSingleton<RegistrationService>();

        var app = builder.Build();
        app.UseHybridVoteDefaults();
        app.MapRegistrationEndpoints();
        return app;
    }
}
