using HybridVote.BallotRender;
using HybridVote.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddHybridVoteDefaults("BallotRender");
builder.Services.AddSingleton<BallotService>();

var app = builder.Build();
app.UseHybridVoteDefaults();
app.MapBallotEndpoints();
app.Run();
