using HybridVote.EnvelopeIntake;
using HybridVote.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddHybridVoteDefaults("EnvelopeIntake");
builder.Services.AddSingleton<BureauAuthentication>();
builder.Services.AddSingleton<IntakeService>();

var app = builder.Build();
app.UseHybridVoteDefaults();
app.MapIntakeEndpoints();
app.Run();
