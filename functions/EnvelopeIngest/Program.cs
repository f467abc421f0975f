using HybridVote.EnvelopeIngest;
using HybridVote.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddHybridVoteDefaults("EnvelopeIngest");
builder.Services.AddOptions<IngestOptions>().BindConfiguration(IngestOptions.Section).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddSingleton<IngestProcessor>();
builder.Services.AddHostedService<IngestWorker>();

var app = builder.Build();
app.UseHybridVoteDefaults();
app.Run();
