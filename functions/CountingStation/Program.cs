using HybridVote.CountingStation;
using HybridVote.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddHybridVoteDefaults("CountingStation");
builder.Services.AddSingleton<TallyService>();
builder.Services.AddSingleton<ProgressService>();

var app = builder.Build();
app.UseHybridVoteDefaults();
app.MapCountingEndpoints();
app.Run();
