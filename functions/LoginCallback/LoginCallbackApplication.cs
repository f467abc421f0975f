using HybridVote.Hosting;

namespace HybridVote.LoginCallback;

/// <summary>
/// The LoginCallback function as one ASP.NET Core application: its services, middleware and endpoints.
/// Both hosts build it here: Program.cs runs it on Kestrel, and the isolated-worker host
/// (isolated/LoginCallback) hands it the requests of its HTTP triggers.
/// </summary>
public static class LoginCallbackApplication
{
    /// <summary>Adds the function's services to <paramref name="builder"/> and builds its pipeline and endpoints.</summary>
    public static WebApplication Build(WebApplicationBuilder builder)
    {
        builder.AddHybridVoteDefaults("LoginCallback");
        builder.AddVoterLogin();

        var app = builder.Build();
        app.UseHybridVoteDefaults();
        app.MapLoginEndpoints();
        return app;
    }
}
