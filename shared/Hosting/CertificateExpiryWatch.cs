using HybridVote.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HybridVote.Hosting;

/// <summary>
/// Publishes when the first pinned bureau certificate expires and how many expire soon (the
/// certificate-expiry alert), read from PostgreSQL every few minutes by the functions bureaus call:
/// a bureau whose scanner certificate lapses is refused (SEC004), so operators renew it before.
/// </summary>
public sealed class CertificateExpiryWatch(BureauStore bureaus, TimeProvider clock, ILogger<CertificateExpiryWatch> log) : BackgroundService
{
    /// <summary>How far ahead a certificate counts as expiring.</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromDays(14);

    /// <summary>How often the figures are read.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromMinutes(5);

    /// <summary>Reads the figures once and publishes them.</summary>
    public async Task RefreshAsync(CancellationToken ct)
    {
        // The same list `hv bureau certs` shows, soonest end first: a few thousand rows every few minutes.
        var pinned = await bureaus.CertificatesAsync(before: null, ct);
        var horizon = clock.GetUtcNow() + Horizon;
        HvMetrics.BureauCertificateNextExpiry.Set(pinned.FirstOrDefault(c => c.NotAfter is not null)?.NotAfter is { } next ? next.ToUnixTimeSeconds() : double.PositiveInfinity);
        HvMetrics.BureauCertificatesExpiring.Set(pinned.Count(c => c.NotAfter < horizon));
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, clock);
        do
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException)
            {
                // The figures stay as last read; the next period tries again.
                log.LogWarning("Bureau certificate expiry not read: {Error}", e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
