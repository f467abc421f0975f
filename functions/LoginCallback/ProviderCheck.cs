using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace HybridVote.LoginCallback;

/// <summary>
/// Reads the provider's discovery document once at start and says in the log whether this client
/// can log anyone in: the configured client authentication must be one the provider accepts
/// (otherwise every login would fail; each login checks again and shows the provider page). A
/// provider that does not answer yet is only a warning: the function still starts.
/// </summary>
public sealed partial class ProviderCheck(IOptionsMonitor<OpenIdConnectOptions> oidc, ClientAuthentication auth, ILogger<ProviderCheck> log) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        try
        {
            var configuration = await oidc.Get(LoginSetup.Scheme).ConfigurationManager!.GetConfigurationAsync(timeout.Token);
            if (auth.Unsupported(configuration) is { } mismatch)
            {
                LogMismatch(log, mismatch);
                return;
            }

            LogReady(log, configuration.Issuer, auth.Method, configuration.PushedAuthorizationRequestEndpoint is { Length: > 0 },
                configuration.EndSessionEndpoint is { Length: > 0 });
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            LogUnreachable(log, e.GetType().Name);
        }
    }

    [LoggerMessage(EventId = 1010, Level = LogLevel.Information, Message = "Identity provider {Issuer}: client authentication {Method}, pushed authorization {Par}, end session {EndSession}")]
    private static partial void LogReady(ILogger logger, string issuer, string method, bool par, bool endSession);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Error, Message = "Identity provider: no login can succeed: {Mismatch}")]
    private static partial void LogMismatch(ILogger logger, string mismatch);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Warning, Message = "Identity provider not reachable at start ({Error}); each login will try again")]
    private static partial void LogUnreachable(ILogger logger, string error);
}
