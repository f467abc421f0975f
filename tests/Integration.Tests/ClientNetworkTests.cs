using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using HybridVote.BallotRegistration;
using HybridVote.Domain;
using HybridVote.EnvelopeIntake;
using HybridVote.Hosting;
using HybridVote.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace HybridVote.Integration.Tests;

/// <summary>
/// Who may speak for a client (forwarded headers and certificates only from trusted proxies), how
/// clients are counted (IPv6 by /64), the duties of bureau credentials, and the limits that hold
/// when Redis is down or a client tries keys.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class ClientNetworkTests(TestInfrastructure infra)
{
    private const string PeerHeader = "X-Test-Peer";

    [Theory]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    [InlineData("203.0.113.9", "203.0.113.9")]
    [InlineData("::ffff:203.0.113.9", "203.0.113.9")]
    public void Partition_CountsIpv6ByItsSlash64(string address, string partition) =>
        Assert.Equal(partition, ClientNetwork.Partition(IPAddress.Parse(address)));

    [Theory]
    [InlineData("203.0.113.7", "198.51.100.1", "203.0.113.7")] // a stranger cannot choose its address
    [InlineData("10.42.3.4", "198.51.100.1", "198.51.100.1")]  // the configured ingress network can
    [InlineData("127.0.0.1", "198.51.100.1", "198.51.100.1")]  // so can loopback (the dev gateway)
    public async Task ForwardedFor_IsBelievedOnlyFromTrustedProxies(string peer, string forwardedFor, string seen)
    {
        var options = new ForwardedHeadersOptions();
        ClientNetwork.TrustOnly(options, ["10.42.0.0/16"]);
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Parse(peer);
        http.Request.Headers["X-Forwarded-For"] = forwardedFor;
        await new ForwardedHeadersMiddleware(_ => Task.CompletedTask, NullLoggerFactory.Instance, Options.Create(options)).Invoke(http);
        Assert.Equal(IPAddress.Parse(seen), http.Connection.RemoteIpAddress);
    }

    [Fact]
    public void TrustedProxies_ThatAreNotNetworks_AreRefusedWithTheirName()
    {
        var e = Assert.Throws<FormatException>(() => ClientNetwork.TrustOnly(new ForwardedHeadersOptions(), ["10.0.0.0/8", "ingress"]));
        Assert.Contains("\"ingress\"", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForwardedCertificate_FromAnUntrustedPeer_IsIgnored_FromTheIngressItIsTheBureau()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var certificate = new CertificateRequest("CN=VB-001 forwarded", key, HashAlgorithmName.SHA256)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        await new BureauStore(infra.Db, new AuditLog(TimeProvider.System))
            .SetCertificateAsync("VB-001", BureauDuty.Reception, SHA256.HashData(certificate.RawData), certificate.NotAfter, "operator:test");
        var settings = new Dictionary<string, string>
        {
            ["Bureaus:Authentication"] = "certificate",
            ["Bureaus:ForwardedCertificateHeader"] = "ssl-client-cert",
            ["HybridVote:TrustedProxies:0"] = "10.42.0.0/16",
        };
        using var client = TestInfrastructure.Client(infra.Function<IntakeLimitOptions>(services: WithPeerHeader, settings: settings));

        // Only the bureau's public certificate is needed to forge the header: from a stranger it is nothing.
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostForwardedAsync(client, "203.0.113.7", certificate)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await PostForwardedAsync(client, "10.42.0.5", certificate)).StatusCode);
    }

    [Fact]
    public async Task ScannerKey_CannotRegisterBallots_CountingKey_CannotRecordEnvelopes()
    {
        using var registration = TestInfrastructure.Client(infra.Function<RegistrationService>());
        string code = KCode.Issue(new(TestInfrastructure.CountingElection, "BW"), infra.Keys.KCodeMac);
        var byScanner = await RegistrationTests.Register(registration, TestInfrastructure.T2ScannerKey, code);
        Assert.Equal(HttpStatusCode.Unauthorized, byScanner.StatusCode);
        Assert.Contains("counting credential", await byScanner.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var intake = TestInfrastructure.Client(infra.Function<IntakeLimitOptions>());
        string idempotency = "duty-" + Guid.NewGuid();
        var byCounter = await EnvelopeFlow.PostAsync(intake, TestInfrastructure.CountingBureauKey, "/intake/receipt", EnvelopeFlow.Receipt("DUTY-TOKEN", idempotency));
        Assert.Equal(HttpStatusCode.Unauthorized, byCounter.StatusCode);
        Assert.Equal(0L, await infra.ScalarAsync<long>("SELECT count(*) FROM receipt WHERE idempotency_key = $1", idempotency));
        Assert.Equal(0L, await infra.ScalarAsync<long>("SELECT count(*) FROM registered_ballot WHERE kcode_hash = $1",
            infra.Pseudonyms.KCodeHash(TestInfrastructure.CountingElection, code.Replace("-", string.Empty, StringComparison.Ordinal))));
    }

    [Fact]
    public async Task UnknownBureauKeys_AreLimitedPerAddress_TheIpv6Slash64CountsAsOne_OtherClientsAreNotAffected()
    {
        var settings = new Dictionary<string, string> { ["Bureaus:FailuresPerMinute"] = "3" };
        using var client = TestInfrastructure.Client(infra.Function<IntakeLimitOptions>(services: WithPeerHeader, settings: settings));
        var answers = new List<HttpStatusCode>();
        for (int i = 0; i < 5; i++)
        {
            // Five addresses of one /64: one subscriber.
            answers.Add((await PostKeyAsync(client, $"2001:db8:7:7::{i + 1}", "guess-" + i + "-0123456789abcdef")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], answers);
        // Another client's right key still works, and the blocked address's right key is not looked up.
        Assert.Equal(HttpStatusCode.Accepted, (await PostKeyAsync(client, "2001:db8:8:8::1", TestInfrastructure.BwBureauKey)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await PostKeyAsync(client, "2001:db8:7:7::99", TestInfrastructure.VbBureauKey)).StatusCode);
    }

    [Fact]
    public async Task KCodeChecks_StayLimited_WhileRedisIsDown()
    {
        // Nothing listens on port 1: every Redis call fails at once.
        using var redis = await ConnectionMultiplexer.ConnectAsync("127.0.0.1:1,abortConnect=false,connectTimeout=200,syncTimeout=200,asyncTimeout=200");
        var limiter = new CheckRateLimiter(redis, NullLogger<CheckRateLimiter>.Instance);
        bool reported = false;
        limiter.Unavailable += () => reported = true;
        var decisions = new List<bool>();
        for (int i = 0; i < 4; i++)
        {
            decisions.Add((await limiter.TryAcquireAsync("session-a", "client-a", 3, 100, TimeSpan.FromMinutes(30))).Allowed);
        }

        Assert.Equal([true, true, true, false], decisions);
        Assert.True(reported);
        var refused = await limiter.TryAcquireAsync("session-a", "client-a", 3, 100, TimeSpan.FromMinutes(30));
        Assert.InRange(refused.RetryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(30));
        Assert.True((await limiter.TryAcquireAsync("session-b", "client-a", 3, 100, TimeSpan.FromMinutes(30))).Allowed);
    }

    // Gives each test request the network peer named in a header, as a connection would have it.
    private static void WithPeerHeader(IServiceCollection services) => services.AddSingleton<IStartupFilter, PeerFromHeader>();

    private static Task<HttpResponseMessage> PostForwardedAsync(HttpClient client, string peer, X509Certificate2 certificate)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/intake/receipt") { Content = JsonContent.Create(EnvelopeFlow.Receipt("FWD-TOKEN", "fwd-" + Guid.NewGuid())) };
        request.Headers.Add("ssl-client-cert", Uri.EscapeDataString(certificate.ExportCertificatePem()));
        request.Headers.Add(PeerHeader, peer);
        return client.SendAsync(request);
    }

    private static Task<HttpResponseMessage> PostKeyAsync(HttpClient client, string peer, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/intake/receipt") { Content = JsonContent.Create(EnvelopeFlow.Receipt("KEY-TOKEN", "key-" + Guid.NewGuid())) };
        request.Headers.Add(BureauAuthentication.Header, key);
        request.Headers.Add(PeerHeader, peer);
        return client.SendAsync(request);
    }

    private sealed class PeerFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, nextMiddleware) =>
            {
                if (http.Request.Headers.TryGetValue(PeerHeader, out var peer))
                {
                    http.Connection.RemoteIpAddress = IPAddress.Parse(peer.ToString());
                    http.Request.Headers.Remove(PeerHeader);
                }

                return nextMiddleware(http);
            });
            next(app);
        };
    }
}
