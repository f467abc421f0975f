using HybridVote.Hosting;
using HybridVote.LoginCallback;

var builder = WebApplication.CreateBuilder(args);
builder.AddHybridVoteDefaults("LoginCallback");
builder.AddVoterLogin();

var app = builder.Build();
app.UseHybridVoteDefaults();
app.MapLoginEndpoints();
app.Run();
