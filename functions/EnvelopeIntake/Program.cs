using HybridVote.EnvelopeIntake;
using HybridVote.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddHybridVoteDefaults("EnvelopeIntake");
builder.Services.AddSingleton<BureauAuthentication>();
builder.Services.AddSingleton<ReceiptWriter>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<ReceiptWriter>());
builder.Services.AddSingleton<IntakeService>();
builder.Services.AddIntakeLimits();

var app = builder.Build();
app.UseHybridVoteDefaults();
app.UseIntakeLimits();
app.MapIntakeEndpoints();
app.Run();
