using HybridVote.Hosting;
using HybridVote.VoterHome;

var builder = WebApplication.CreateBuilder(args);
builder.AddHybridVoteDefaults("VoterHome");
builder.Services.AddSingleton<HomeService>();

var app = builder.Build();
app.UseHybridVoteDefaults();
app.MapHomeEndpoints();
app.Run();
