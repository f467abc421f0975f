using Microsoft.AspNetCore.Builder;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HybridVote.IsolatedWorker;

/// <summary>The isolated-worker host of a function: the Functions worker with ASP.NET Core integration, and the function's application behind its triggers.</summary>
public static class IsolatedHost
{
    /// <summary>Runs the worker until it is stopped.</summary>
    public static void Run(string[] args, Func<WebApplicationBuilder, WebApplication> build)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        builder.ConfigureFunctionsWebApplication();
        // The worker's arguments are the Functions host's (its address, the worker's id): the
        // application reads its settings from the environment, as on Kestrel in the chart.
        var application = new FunctionApplication(build, []);
        builder.Services.AddSingleton(application);
        builder.Services.AddHostedService(_ => application);
        builder.Build().Run();
    }
}
