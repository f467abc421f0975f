using System.Net;
using System.Net.Http.Json;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using HybridVote.Domain;
using HybridVote.EnvelopeIntake;
using HybridVote.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HybridVote.Integration.Tests;

/// <summary>The production configuration of bureau authentication: client certificates (FR011, SEC004).</summary>
[Collection(InfrastructureCollection.Name)]
public sealed class BureauCertificateTests(TestInfrastructure infra) : IDisposable
{
    private const string ForwardHeader = "ssl-client-cert";
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private readonly string dir = Directory.CreateTempSubdirectory("hv-bureau-ca-").FullName;
    private readonly X509Certificate2 ca = NewCa("HybridVote test bureau CA");

    public void Dispose()
    {
        ca.Dispose();
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public async Task ForwardedCertificate_RegisteredForTheBureau_IsAccepted_OthersAre401()
    {
        using var registered = NewClient(ca, "VB-001 scanner", Now.AddDays(-1), Now.AddDays(30));
        using var unregistered = NewClient(ca, "VB-001 spare", Now.AddDays(-1), Now.AddDays(30));
        using var expired = NewClient(ca, "BW-001 old scanner", Now.AddDays(-30), Now.AddDays(-1));
        using var otherCa = NewCa("Some other CA");
        using var foreign = NewClient(otherCa, "T2 scanner", Now.AddDays(-1), Now.AddDays(30));
        var bureaus = new BureauStore(infra.Db, new AuditLog(TimeProvider.System));
        await bureaus.SetCertificateAsync("VB-001", BureauDuty.Reception, Pin(registered), registered.NotAfter, "operator:test");
        await bureaus.SetCertificateAsync("BW-001", BureauDuty.Reception, Pin(expired), expired.NotAfter, "operator:test");
        await bureaus.SetCertificateAsync("T2-BW-001", BureauDuty.Reception, Pin(foreign), foreign.NotAfter, "operator:test");
        using var client = TestInfrastructure.Client(infra.Function<IntakeLimitOptions>(settings: Settings(ForwardHeader)));

        string key = "cert-" + Guid.NewGuid();
        var accepted = await PostAsync(client, registered, key);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal("VB-001", await infra.ScalarAsync<string>("SELECT bureau_id FROM receipt WHERE idempotency_key = $1", key));

        foreach (var refused in new[] { unregistered, expired, foreign })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(client, refused, "refused-" + Guid.NewGuid())).StatusCode);
        }

        // In the certificate mode a bureau key is not enough, and no certificate is no bureau.
        Assert.Equal(HttpStatusCode.Unauthorized, (await EnvelopeFlow.PostAsync(client, TestInfrastructure.BwBureauKey, "/intake/receipt", EnvelopeFlow.Receipt("T", "k-" + Guid.NewGuid()))).StatusCode);
    }

    [Fact]
    public async Task RateLimit_IsPerCertificate_OneBureauOverItsRateDoesNotSlowAnother()
    {
        using var busy = NewClient(ca, "VB-001 busy scanner", Now.AddDays(-1), Now.AddDays(30));
        using var quiet = NewClient(ca, "T2 quiet scanner", Now.AddDays(-1), Now.AddDays(30));
        var bureaus = new BureauStore(infra.Db, new AuditLog(TimeProvider.System));
        await bureaus.SetCertificateAsync("VB-001", BureauDuty.Reception, Pin(busy), busy.NotAfter, "operator:test");
        await bureaus.SetCertificateAsync("T2-BW-001", BureauDuty.Reception, Pin(quiet), quiet.NotAfter, "operator:test");
        var settings = Settings(ForwardHeader);
        settings["Intake:PerBureauPerSecond"] = "1";
        settings["Intake:Burst"] = "2";
        using var client = TestInfrastructure.Client(infra.Function<IntakeLimitOptions>(settings: settings));

        var answers = new List<HttpStatusCode>();
        for (int i = 0; i < 4; i++)
        {
            answers.Add((await PostAsync(client, busy, "busy-" + Guid.NewGuid())).StatusCode);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, answers);
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(client, quiet, "quiet-" + Guid.NewGuid())).StatusCode);
    }

    [Fact]
    public async Task CertificateExpiry_IsStoredWithThePin_AndExportedForTheAlert_PurgedElectionsLeftOut()
    {
        var setup = await infra.NewCountingElectionAsync();
        using var soon = NewClient(ca, setup.Main + " counting client", Now.AddDays(-1), Now.AddDays(3));
        string pem = Path.Combine(dir, "soon.pem");
        await File.WriteAllTextAsync(pem, soon.ExportCertificatePem());
        Assert.Equal(0, (await infra.HvCapturingAsync("bureau", "cert", setup.Main, pem, "--duty", "counting")).Code);
        Assert.Equal(soon.NotAfter.ToUniversalTime(), (await infra.ScalarAsync<DateTime>("SELECT not_after FROM bureau_credential WHERE bureau_id = $1 AND kind = 'certificate'", setup.Main)).ToUniversalTime());

        // The operator sees which bureau it is, with its end date.
        var console = Console.Out;
        using var listed = new StringWriter();
        Console.SetOut(listed);
        try
        {
            await infra.HvAsync("bureau", "certs", "--expiring-within", "14");
        }
        finally
        {
            Console.SetOut(console);
        }

        Assert.Contains(listed.ToString().Split('\n'), l => l.StartsWith(setup.Main, StringComparison.Ordinal) && l.Contains("counting", StringComparison.Ordinal) && l.Contains($"{soon.NotAfter.ToUniversalTime():yyyy-MM-dd}", StringComparison.Ordinal));

        using var factory = infra.Function<IntakeLimitOptions>();
        var watch = factory.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<Hosting.CertificateExpiryWatch>().Single();
        await watch.RefreshAsync(CancellationToken.None);
        string metrics = await TestInfrastructure.OperationsClient(factory).GetStringAsync("/metrics");
        double next = Gauge(metrics, "hv_bureau_certificate_next_expiry_timestamp_seconds");
        Assert.True(next <= new DateTimeOffset(soon.NotAfter.ToUniversalTime()).ToUnixTimeSeconds(), $"next expiry {next}");
        Assert.True(Gauge(metrics, "hv_bureau_certificates_expiring") >= 1);

        // Once the election is purged, its bureaus' certificates no longer matter.
        int before = (await new BureauStore(infra.Db, new AuditLog(TimeProvider.System)).CertificatesAsync(DateTimeOffset.UtcNow.AddDays(14))).Count;
        await using (var purged = infra.Db.CreateCommand("UPDATE election SET purged_at = now() WHERE id = $1"))
        {
            purged.Parameters.Add(new() { Value = setup.ElectionId });
            await purged.ExecuteNonQueryAsync();
        }

        int after = (await new BureauStore(infra.Db, new AuditLog(TimeProvider.System)).CertificatesAsync(DateTimeOffset.UtcNow.AddDays(14))).Count;
        Assert.Equal(before - 1, after);
    }

    private static double Gauge(string metrics, string name) =>
        double.Parse(metrics.Split('\n').Single(l => l.StartsWith(name + " ", StringComparison.Ordinal))[(name.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task MutualTls_WithTheRegisteredCertificate_IsAccepted_WithoutACertificateTheHandshakeFails()
    {
        using var scanner = NewClient(ca, "VB-001 tls scanner", Now.AddDays(-1), Now.AddDays(30));
        await new BureauStore(infra.Db, new AuditLog(TimeProvider.System)).SetCertificateAsync("VB-001", BureauDuty.Reception, Pin(scanner), scanner.NotAfter, "operator:test");
        using var serverKey = RSA.Create(2048);
        using var server = new CertificateRequest("CN=localhost", serverKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).CreateSelfSigned(Now.AddDays(-1), Now.AddDays(1));
        int port = LocalPorts.Free();
        using var factory = infra.Function<IntakeLimitOptions>(settings: Settings(forwardHeader: null));
        factory.UseKestrel(k => k.Listen(IPAddress.Loopback, port, listen => listen.UseHttps(server)));
        factory.StartServer();

        using var withCertificate = TlsClient(port, scanner);
        string key = "mtls-" + Guid.NewGuid();
        var response = await withCertificate.PostAsJsonAsync("/intake/receipt", EnvelopeFlow.Receipt("MTLS-TOKEN", key));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("VB-001", await infra.ScalarAsync<string>("SELECT bureau_id FROM receipt WHERE idempotency_key = $1", key));

        using var withoutCertificate = TlsClient(port, null);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => withoutCertificate.PostAsJsonAsync("/intake/receipt", EnvelopeFlow.Receipt("MTLS-TOKEN", "none-" + Guid.NewGuid())));
    }

    private Dictionary<string, string> Settings(string? forwardHeader)
    {
        string caFile = Path.Combine(dir, "bureau-ca.pem");
        File.WriteAllText(caFile, ca.ExportCertificatePem());
        var settings = new Dictionary<string, string> { ["Bureaus:Authentication"] = "certificate", ["Bureaus:ClientCaFile"] = caFile };
        if (forwardHeader is not null)
        {
            settings["Bureaus:ForwardedCertificateHeader"] = forwardHeader;
        }

        return settings;
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, X509Certificate2 certificate, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/intake/receipt") { Content = JsonContent.Create(EnvelopeFlow.Receipt("CERT-TOKEN", key)) };
        // As ingress-nginx forwards the certificate it verified: URL-encoded PEM.
        request.Headers.Add(ForwardHeader, Uri.EscapeDataString(certificate.ExportCertificatePem()));
        return client.SendAsync(request);
    }

    private static HttpClient TlsClient(int port, X509Certificate2? certificate)
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = certificate is null ? null : new X509CertificateCollection { certificate },
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
            },
        };
        return new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{port}") };
    }

    private static byte[] Pin(X509Certificate2 certificate) => SHA256.HashData(certificate.RawData);

    private static X509Certificate2 NewCa(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request.CreateSelfSigned(Now.AddDays(-60), Now.AddYears(1));
    }

    private static X509Certificate2 NewClient(X509Certificate2 issuer, string name, DateTimeOffset from, DateTimeOffset until)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var issued = request.Create(issuer, from, until, RandomNumberGenerator.GetBytes(8));
        return issued.CopyWithPrivateKey(key);
    }
}
