using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HybridVote.IsolatedWorker;

/// <summary>
/// A function's own ASP.NET Core application (its services, middleware and endpoints, built by the
/// same <c>Build</c> method as on Kestrel) running inside the isolated worker. Every HTTP trigger
/// hands its request here: session, CSRF defence, headers, error pages, metrics and the endpoint's
/// handler are the very ones the ASP.NET Core host runs, so the two hosts cannot answer differently
/// (TR020: no logic in either host). The application listens itself only on the operations port
/// (/healthz, /readyz, /metrics for the kubelet and Prometheus); its public requests come from the
/// Functions host through the triggers.
/// </summary>
public sealed class FunctionApplication : IHostedService, IAsyncDisposable
{
    // The connection-level features of the worker's request; everything above them (services,
    // items, user, routing, parsed form and cookies) is created afresh by the application.
    private static readonly Type[] Carried =
    [
        typeof(IHttpRequestFeature), typeof(IHttpResponseFeature), typeof(IHttpResponseBodyFeature),
        typeof(IHttpConnectionFeature), typeof(IHttpRequestLifetimeFeature), typeof(IHttpRequestIdentifierFeature),
        typeof(ITlsConnectionFeature), typeof(IHttpRequestBodyDetectionFeature), typeof(IHttpMaxRequestBodySizeFeature),
        typeof(IHttpBodyControlFeature), typeof(IHttpRequestTrailersFeature), typeof(IHttpResetFeature),
    ];

    private readonly Func<WebApplicationBuilder, WebApplication> build;
    private readonly string[] args;
    private readonly Action<WebApplicationBuilder>? configure;

    // The application's pipeline once it has started: a trigger that fires while the worker is still
    // starting (the host may invoke as soon as the worker's channel is up) waits for it.
    private readonly TaskCompletionSource<Func<IFeatureCollection, Task>> handle = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebApplication? application;

    /// <summary>An application built by <paramref name="build"/> from <paramref name="args"/>; <paramref name="configure"/> may add settings first.</summary>
    public FunctionApplication(Func<WebApplicationBuilder, WebApplication> build, string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        this.build = build;
        this.args = args;
        this.configure = configure;
    }

    /// <summary>The application's services (its stores, options and key ring).</summary>
    public IServiceProvider Services => application?.Services ?? throw new InvalidOperationException("The application has not started.");

    /// <summary>Builds and starts the application.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await StartApplicationAsync(cancellationToken);
        }
        catch (Exception e)
        {
            handle.TrySetException(e);
            throw;
        }
    }

    private async Task StartApplicationAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args });
        configure?.Invoke(builder);
        int operationsPort = builder.Configuration.GetValue("HybridVote:OperationsPort", 9090);
        builder.WebHost.UseUrls($"http://*:{operationsPort}");
        var server = builder.Services.Last(s => s.ServiceType == typeof(IServer));
        builder.Services.Remove(server);
        builder.Services.AddSingleton<IServer>(sp => new EntryServer((IServer)(server.ImplementationType is { } type
            ? ActivatorUtilities.CreateInstance(sp, type)
            : server.ImplementationFactory!(sp)), h => handle.TrySetResult(h)));
        application = build(builder);
        await application.StartAsync(cancellationToken);
    }

    /// <summary>Stops the application (its receipt writer drains first).</summary>
    public Task StopAsync(CancellationToken cancellationToken) => application?.StopAsync(cancellationToken) ?? Task.CompletedTask;

    /// <summary>Runs the worker's request through the application; the answer is written to the worker's response.</summary>
    public async Task HandleAsync(HttpContext request)
    {
        var entry = await handle.Task.WaitAsync(request.RequestAborted);
        var features = new FeatureCollection();
        foreach (var type in Carried)
        {
            if (request.Features[type] is { } feature)
            {
                features[type] = feature;
            }
        }

        await entry(features);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (application is not null)
        {
            await application.DisposeAsync();
        }
    }

    // The application's server: the operations port is served by the real server it wraps, and the
    // application's request pipeline is kept for the triggers' requests.
    private sealed class EntryServer(IServer inner, Action<Func<IFeatureCollection, Task>> started) : IServer
    {
        public IFeatureCollection Features => inner.Features;

        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
            where TContext : notnull
        {
            started(async features =>
            {
                var context = application.CreateContext(features);
                try
                {
                    await application.ProcessRequestAsync(context);
                    application.DisposeContext(context, null);
                }
                catch (Exception e)
                {
                    application.DisposeContext(context, e);
                    throw;
                }
            });
            return inner.StartAsync(application, cancellationToken);
        }

        public Task StopAsync(CancellationToken cancellationToken) => inner.StopAsync(cancellationToken);

        public void Dispose() => inner.Dispose();
    }
}
