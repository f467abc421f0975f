using HybridVote.Hosting;
using HybridVote.KCodeIssue;

var builder = WebApplication.CreateBuilder(args);
builder.AddHybridVoteDefaults("KCodeIssue");
builder.Services.AddSingleton<KCodeService>();
builder.Services.AddSingleton<ShownCodes>();

var app = builder.Build();
app.UseHybridVoteDefaults();
app.MapKCodeEndpoints();
app.Run();
