using HybridVote.EnvelopeIntake;
using HybridVote.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddHybridVoteDefaults("EnvelopeIntake");
builder.AddBureauAuthentication();
builder.Services.AddSingleton<ReceiptWriter>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<ReceiptWriter>());
builder.Services.AddSingleton<IntakeService>();
builder.Services.AddIntakeLimits();

var app = builder.Build();
app.UseHybridVoteDefaults();
app.UseBureauAuthentication();
app.UseIntakeLimits();
app.MapIntakeEndpoints();
app.Run();
