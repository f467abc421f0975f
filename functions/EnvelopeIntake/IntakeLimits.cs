using System.Threading.RateLimiting;
using HybridVote.Domain;
using HybridVote.Hosting;
using HybridVote.Reception;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace HybridVote.EnvelopeIntake;

/// <summary>Intake limits (section "Intake"): request size and requests per bureau key.</summary>
public sealed class IntakeLimitOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Intake";

    /// <summary>Largest request body: a full batch of 1,000 receipts is about 250 KB.</summary>
    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Requests per second one bureau key may send (each replica; a batch is one request).</summary>
    public int PerBureauPerSecond { get; set; } = 200;

    /// <summary>Requests a bureau may send at once above that rate.</summary>
    public int Burst { get; set; } = 400;

    /// <summary>
    /// Whether each receipt is answered with its verdict (the default). Off, intake answers
    /// without the lookup; scripts/bench ingest measures the lookup's cost against it.
    /// </summary>
    public bool Verdicts { get; set; } = true;
}

/// <summary>
/// Request-size and rate limits of the scanner API: a body over the limit is refused with 413 before
/// it is read; a bureau key over its rate gets 429 with Retry-After (the scanner retries with the
/// same idempotency keys, so nothing is lost or doubled).
/// </summary>
public static class IntakeLimits
{
    private const string Policy = "bureau";

    /// <summary>Registers the limits.</summary>
    public static IServiceCollection AddIntakeLimits(this IServiceCollection services)
    {
        services.AddOptions<IntakeLimitOptions>().BindConfiguration(IntakeLimitOptions.Section);
        static IntakeLimitOptions Options(HttpContext http) => http.RequestServices.GetRequiredService<IOptions<IntakeLimitOptions>>().Value;
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, ct) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "1";
                await Problems.Create(429, "too-many-requests", $"More than {Options(context.HttpContext).PerBureauPerSecond} requests per second from this bureau; retry with the same idempotency keys.")
                    .ExecuteAsync(context.HttpContext);
            };
            // Partitioned by the pseudonymous credential (keyed hash of the bureau key, or the client
            // certificate's SHA-256): the limiter never holds a key. Requests without one share a partition.
            limiter.AddPolicy(Policy, http => RateLimitPartition.GetTokenBucketLimiter(
                http.RequestServices.GetRequiredService<BureauAuthentication>().Credential(http)?.Id ?? "none",
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = Math.Max(Options(http).Burst, 1),
                    TokensPerPeriod = Math.Max(Options(http).PerBureauPerSecond, 1),
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
        });
        return services;
    }

    /// <summary>Adds the size check and the rate limiter to the pipeline.</summary>
    public static WebApplication UseIntakeLimits(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<IntakeLimitOptions>>().Value;
        app.Use(async (context, next) =>
        {
            if (context.Request.ContentLength > options.MaxBodyBytes)
            {
                await Problems.Create(413, "request-too-large", $"A request may carry at most {options.MaxBodyBytes} bytes (a batch of at most {IntakeService.MaxBatch} receipts).")
                    .ExecuteAsync(context);
                return;
            }

            // A body without Content-Length (chunked) is cut off by the server at the same size.
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            {
                size.MaxRequestBodySize = options.MaxBodyBytes;
            }

            await next(context);
        });
        app.UseRateLimiter();
        return app;
    }

    /// <summary>Applies the per-bureau rate to an endpoint.</summary>
    public static RouteHandlerBuilder Limited(this RouteHandlerBuilder endpoint) => endpoint.RequireRateLimiting(Policy);
}
