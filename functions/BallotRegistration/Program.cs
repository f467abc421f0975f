using HybridVote.BallotRegistration;
using HybridVote.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddHybridVoteDefaults("BallotRegistration");
builder.AddBureauAuthentication();
builder.Services.AddSingleton<RegistrationService>();

var app = builder.Build();
app.UseHybridVoteDefaults();
app.MapRegistrationEndpoints();
app.Run();
