using HybridVote.Hosting;
using HybridVote.KCodeIssue;

var builder = WebApplication.CreateBuilder(args);
builder.AddHybridVoteDefaults("KCodeIssue");
builder.Services.AddSingleton<KCodeService>();

var app = builder.Build();
app.UseHybridVoteDefaults();
app.MapKCodeEndpoints();
app.Run();
