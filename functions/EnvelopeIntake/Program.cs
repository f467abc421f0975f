using HybridVote.EnvelopeIntake;
using HybridVote.Hosting;
using HybridVote.Reception;
using HybridVote.Storage;
using Microsoft.Extensions.Options;

var builder = WebApplication.CreateBuilder(args);
builder.AddHybridVoteDefaults("EnvelopeIntake");
builder.AddBureauAuthentication();
builder.Services.AddSingleton<ScanLookup>();
builder.Services.AddSingleton(sp => new ReceiptWriter(sp.GetRequiredService<ReceiptQueue>(), sp.GetRequiredService<IOptions<IntakeLimitOptions>>().Value.Verdicts));
builder.Services.AddHostedService(sp => sp.GetRequiredService<ReceiptWriter>());
builder.Services.AddSingleton<IntakeService>();
builder.Services.AddIntakeLimits();
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, IntakeJson.Default));

var app = builder.Build();
app.UseHybridVoteDefaults();
app.UseIntakeLimits();
app.MapIntakeEndpoints();
app.Run();
