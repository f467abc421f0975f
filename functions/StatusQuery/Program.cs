using HybridVote.Hosting;
using HybridVote.StatusQuery;

var builder = WebApplication.CreateBuilder(args);
builder.AddHybridVoteDefaults("StatusQuery");
builder.Services.AddOptions<CheckLimitOptions>().BindConfiguration(CheckLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddSingleton<StatusService>();

var app = builder.Build();
app.UseHybridVoteDefaults();
app.MapStatusEndpoints();
app.Run();
