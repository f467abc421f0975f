using System.Text.Encodings.Web;
using System.Text.Unicode;
using HybridVote.Domain;
using HybridVote.Storage;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;
using Prometheus;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace HybridVote.Hosting;

/// <summary>Host defaults every function shares: logging, health, metrics, session, headers.</summary>
public static class FunctionHost
{
    /// <summary>The session cookie's scheme and name, the same in every function.</summary>
    public const string SessionScheme = CookieAuthenticationDefaults.AuthenticationScheme;

    /// <summary>The session cookie's name.</summary>
    public const string SessionCookie = "hv_session";

    /// <summary>Adds logging, storage, health checks, the shared session cookie and problem details.</summary>
    public static WebApplicationBuilder AddHybridVoteDefaults(this WebApplicationBuilder builder, string functionName)
    {
        // Every function is declared once, in functions/catalogue.json (TR020).
        functionName = FunctionCatalogue.Get(functionName).Name;
        builder.Services.AddSerilog((_, log) => log
            .ReadFrom.Configuration(builder.Configuration)
            .MinimumLevel.Override("Microsoft.AspNetCore", Serilog.Events.LogEventLevel.Warning)
            .Enrich.WithProperty("Function", functionName)
            .WriteTo.Console(new CompactJsonFormatter()));
        builder.Services.AddHybridVoteCore();
        builder.Services.AddProblemDetails();
        // Pages are Razor components rendered on the server (shared/Pages); no interactivity.
        builder.Services.AddRazorComponents();
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "hv_form";
            o.Cookie.HttpOnly = true;
            // Secure whenever the request is (always behind the TLS ingress); the dev gateway is plain HTTP.
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        // Names with diacritics (Élodie, Ćosić) stay readable in the page source; markup is encoded.
        builder.Services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));
        builder.Services.AddExceptionHandler<ExceptionProblems>();
        // A body that cannot be bound raises BadHttpRequestException, which ExceptionProblems turns
        // into a problem saying what is wrong, instead of a bare 400.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("postgresql", tags: ["ready"]);
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<HybridVoteOptions>>((o, hv) => ClientNetwork.TrustOnly(o, hv.Value.TrustedProxies));
        builder.Services.AddSessionKeyRing();
        builder.Services.AddAuthentication(SessionScheme).AddCookie(SessionScheme, o =>
        {
            o.Cookie.Name = SessionCookie;
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.ExpireTimeSpan = TimeSpan.FromMinutes(20);
            o.SlidingExpiration = true;
            o.Events.OnRedirectToLogin = ctx => Unauthenticated(ctx.HttpContext);
            // A session that may not use a voter page (a staff session): 403, shown by the status code pages.
            o.Events.OnRedirectToAccessDenied = ctx =>
            {
                ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
            o.Events.OnValidatePrincipal = ctx => ctx.HttpContext.RequestServices.GetRequiredService<SessionRevocations>().ValidateAsync(ctx);
        });
        // Registered after AddCookie, so it runs after the cookie's own post-configuration (the ticket cache, NFR002).
        builder.Services.AddSingleton<IPostConfigureOptions<CookieAuthenticationOptions>, SessionTicketCache.Install>();
        // The voter pages and APIs (RequireAuthorization) need a voter's session: a staff session
        // (FR011) is a person at work, not a voter, and opens none of them.
        builder.Services.AddAuthorization(o => o.DefaultPolicy = new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder(SessionScheme)
            .RequireAuthenticatedUser()
            .RequireAssertion(c => !c.User.HasClaim(claim => claim.Type == StaffSession.StaffKeyClaim))
            .Build());
        builder.Services.AddSingleton<SessionRevocations>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SessionRevocations>());
        return builder;
    }

    /// <summary>The paths served on the operations port only.</summary>
    public static readonly IReadOnlyList<string> OperationsPaths = [Healthz, Readyz, MetricsPath];

    private const string Healthz = "/healthz";
    private const string Readyz = "/readyz";
    private const string MetricsPath = "/metrics";

    /// <summary>Adds the shared middleware and the operations endpoints (/healthz, /readyz, /metrics).</summary>
    public static WebApplication UseHybridVoteDefaults(this WebApplication app)
    {
        int operationsPort = app.Services.GetRequiredService<IOptions<HybridVoteOptions>>().Value.OperationsPort;
        var proxies = app.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;
        app.UseForwardedCertificate(proxies);
        app.UseForwardedHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages(ErrorPages.StatusCodeAsync);
        // A form may lead to this origin and, for the logout that ends the provider's session too, to
        // the identity provider's origin (CSP form-action is checked along the redirects).
        string csp = ContentSecurityPolicy(app.Configuration["Fas:Authority"]);
        app.Use((ctx, next) => SecurityHeaders(ctx, next, csp));
        app.Use((ctx, next) => OnItsPort(ctx, next, operationsPort));
        app.UseSerilogRequestLogging(o => o.GetMessageTemplateProperties = (ctx, _, elapsed, status) =>
        [
            new("RequestMethod", new ScalarValue(ctx.Request.Method)),
            new("RequestPath", new ScalarValue(Redact(ctx.Request.Path))),
            new("StatusCode", new ScalarValue(status)),
            new("Elapsed", new ScalarValue(elapsed)),
        ]);
        // One histogram per endpoint and status class: its _count is the request count, and the
        // rate over time gives what an in-progress gauge would. The separate counter, gauge and
        // trace exemplars cost about 4 µs a request at the status peak (NFR002, NFR006, scripts/bench status).
        app.UseHttpMetrics(o =>
        {
            o.InProgress.Enabled = false;
            o.RequestCount.Enabled = false;
            o.RequestDuration.ExemplarPredicate = _ => false;
            o.ReduceStatusCodeCardinality();
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.Use(RequestOrigin.CheckAsync);
        app.UseAntiforgery();
        app.MapHealthChecks(Healthz, new() { Predicate = _ => false });
        app.MapHealthChecks(Readyz, new() { Predicate = c => c.Tags.Contains("ready") });
        HvMetrics.Publish();
        app.MapMetrics(MetricsPath);
        return app;
    }

    // The operations port serves the operations paths and nothing else, and they are served nowhere else.
    private static Task OnItsPort(HttpContext ctx, RequestDelegate next, int operationsPort)
    {
        // Indexed, not foreach: every request passes here, and an interface's enumerator is an allocation.
        bool operationsPath = false;
        for (int i = 0; i < OperationsPaths.Count; i++)
        {
            operationsPath |= ctx.Request.Path.Equals(OperationsPaths[i], StringComparison.OrdinalIgnoreCase);
        }

        if (operationsPath == (ctx.Connection.LocalPort == operationsPort))
        {
            return next(ctx);
        }

        ctx.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    // Paths never carry personal data by design; the first two segments are enough to log.
    private static string Redact(PathString path)
    {
        var parts = (path.Value ?? "/").Split('/', StringSplitOptions.RemoveEmptyEntries);
        return "/" + string.Join('/', parts.Take(2));
    }

    private static Task Unauthenticated(HttpContext ctx)
    {
        // A browser gets a page saying a login is needed, in its language, with the way to log in.
        if (ErrorPages.WantsHtml(ctx))
        {
            return ErrorPages.Page(ctx, Pages.ErrorKind.LoginRequired).ExecuteAsync(ctx);
        }

        return Results.Problem(statusCode: 401, title: "Not logged in or session expired", type: Problems.TypeFor("session-required"))
            .ExecuteAsync(ctx);
    }

    /// <summary>The Content-Security-Policy of every answer; form-action also names the identity provider's origin when one is configured.</summary>
    private static string ContentSecurityPolicy(string? providerAuthority)
    {
        string formAction = Uri.TryCreate(providerAuthority, UriKind.Absolute, out var authority) && authority.Scheme is "https" or "http"
            ? "'self' " + authority.GetLeftPart(UriPartial.Authority)
            : "'self'";
        return $"default-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action {formAction}; base-uri 'none'; object-src 'none'";
    }

    private static Task SecurityHeaders(HttpContext ctx, RequestDelegate next, string csp)
    {
        var h = ctx.Response.Headers;
        h.ContentSecurityPolicy = csp;
        h.XContentTypeOptions = "nosniff";
        h.XFrameOptions = "DENY";
        h["Referrer-Policy"] = "no-referrer";
        h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
        h["Cross-Origin-Opener-Policy"] = "same-origin";
        h["Cross-Origin-Resource-Policy"] = "same-origin";
        h.CacheControl = "no-store";
        if (ctx.Request.IsHttps)
        {
            // ASVS V14.4.5: browsers keep to HTTPS for this host and its subdomains for two years.
            h.StrictTransportSecurity = "max-age=63072000; includeSubDomains";
        }
        return next(ctx);
    }

    private sealed class DatabaseHealthCheck(NpgsqlDataSource db) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await using var cmd = db.CreateCommand("SELECT 1");
                await cmd.ExecuteScalarAsync(cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (NpgsqlException e)
            {
                return HealthCheckResult.Unhealthy("PostgreSQL unreachable", e);
            }
        }
    }
}
