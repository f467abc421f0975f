using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using HybridVote.Storage;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace HybridVote.Hosting;

/// <summary>
/// Server-side end of sessions (SEC004, ASVS V3.3.1, V3.3.2): a session has an id and an issue time;
/// it is refused after its absolute lifetime whatever its sliding renewals, and once ended (logout,
/// revocation) on every replica. Replicas learn ended sessions by polling PostgreSQL each second —
/// no per-request query — and the replica that ended it knows at once.
/// </summary>
public sealed partial class SessionRevocations(SessionRevocationStore store, IOptions<HybridVoteOptions> options, TimeProvider clock, ILogger<SessionRevocations> log) : BackgroundService
{
    /// <summary>Claim type of the session id.</summary>
    public const string SessionIdClaim = "hv_sid";

    /// <summary>Claim type of the issue time (Unix seconds).</summary>
    public const string IssuedAtClaim = "hv_iat";

    // Commits can land out of revoked_at order: each poll looks back this far.
    private static readonly TimeSpan Overlap = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, DateTimeOffset> ended = new(StringComparer.Ordinal);
    private DateTimeOffset since = DateTimeOffset.UnixEpoch;

    /// <summary>The absolute lifetime of a session.</summary>
    public TimeSpan AbsoluteLifetime => TimeSpan.FromMinutes(options.Value.SessionAbsoluteMinutes);

    /// <summary>The claims that identify a new session.</summary>
    public static IEnumerable<Claim> NewSessionClaims(DateTimeOffset now) =>
    [
        new(SessionIdClaim, Convert.ToBase64String(RandomNumberGenerator.GetBytes(16))),
        new(IssuedAtClaim, now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ];

    /// <summary>Ends the session of <paramref name="user"/> everywhere (logout).</summary>
    public async Task EndAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (user.FindFirstValue(SessionIdClaim) is { } sid && IssuedAt(user) is { } issued)
        {
            var expires = issued + AbsoluteLifetime;
            ended[sid] = expires;
            await store.RevokeAsync(Convert.FromBase64String(sid), expires, ct);
        }
    }

    /// <summary>Cookie validation: refuses a session without id, past its absolute lifetime, or ended.</summary>
    public Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var user = context.Principal!;
        string? sid = user.FindFirstValue(SessionIdClaim);
        if (sid is null || IssuedAt(user) is not { } issued || clock.GetUtcNow() - issued > AbsoluteLifetime || ended.ContainsKey(sid))
        {
            context.RejectPrincipal();
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        for (int polls = 1; !stoppingToken.IsCancellationRequested; polls++)
        {
            try
            {
                var (newly, newest) = await store.EndedSinceAsync(since - Overlap, stoppingToken);
                foreach (var (sid, expires) in newly)
                {
                    ended[Convert.ToBase64String(sid)] = expires;
                }

                since = newest > since ? newest : since;
                if (polls % 600 == 0)
                {
                    Forget();
                    await store.PurgeAsync(stoppingToken);
                }

                await Task.Delay(TimeSpan.FromSeconds(1), clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (NpgsqlException e)
            {
                // Sessions ended before the outage stay refused; the next poll catches up.
                LogPollFailed(log, e.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private void Forget()
    {
        var now = clock.GetUtcNow();
        foreach (var (sid, expires) in ended)
        {
            if (expires < now)
            {
                ended.TryRemove(sid, out _);
            }
        }
    }

    private static DateTimeOffset? IssuedAt(ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(IssuedAtClaim), System.Globalization.CultureInfo.InvariantCulture, out long seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Session revocations could not be read: {Error}")]
    private static partial void LogPollFailed(ILogger logger, string error);
}
