using HybridVote.Hosting;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

// The scheduled work of the isolated-worker model: the same storage handlers as the chart's CronJobs
// (`hv purge --due`, `hv audit verify`).
var builder = FunctionsApplication.CreateBuilder(args);
builder.Services.AddHybridVoteCore();
builder.Build().Run();
