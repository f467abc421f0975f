using HybridVote.CountingStation;
using HybridVote.Export;
using HybridVote.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddHybridVoteDefaults("CountingStation");
builder.Services.AddSingleton<TallyService>();
builder.Services.AddSingleton<ProgressService>();
builder.Services.AddSingleton<ResultsService>();
builder.Services.AddResultsExport();

var app = builder.Build();
app.UseHybridVoteDefaults();
app.MapCountingEndpoints();
app.Run();
