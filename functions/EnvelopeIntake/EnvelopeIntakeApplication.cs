using HybridVote.Hosting;
using HybridVote.Reception;
using Microsoft.Extensions.Options;

namespace HybridVote.EnvelopeIntake;

/// <summary>
/// The EnvelopeIntake function as one ASP.NET Core application: its services, middleware and endpoints.
/// Both hosts build it here: Program.cs runs it on Kestrel, and the isolated-worker host
/// (isolated/EnvelopeIntake) hands it the requests of its HTTP triggers.
/// </summary>
public static class EnvelopeIntakeApplication
{
    /// <summary>Adds the function's services to <paramref name="builder"/> and builds its pipeline and endpoints.</summary>
    public static WebApplication Build(WebApplicationBuilder builder)
    {
        builder.AddHybridVoteDefaults("EnvelopeIntake");
        builder.AddBureauAuthentication();
        builder.Services.AddEnvelopeIntake(sp => sp.GetRequiredService<IOptions<IntakeLimitOptions>>().Value.Verdicts);
        builder.Services.AddIntakeLimits();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, IntakeJson.Default));

        var app = builder.Build();
        app.UseHybridVoteDefaults();
        app.UseIntakeLimits();
        app.MapIntakeEndpoints();
        return app;
    }
}
