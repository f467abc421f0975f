using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace HybridVote.LoginCallback;

/// <summary>
/// How the client proves itself to the provider on the back channel (token and pushed
/// authorization requests), chosen by <see cref="FasOptions.ClientAuthentication"/>:
/// client_secret_post (the secret in the form), client_secret_basic (the secret in an HTTP Basic
/// header, RFC 6749 §2.3.1) or private_key_jwt (a JWT signed with the client's key, RFC 7523; the
/// key from a mounted PEM file). Government providers often require the last.
/// </summary>
public sealed class ClientAuthentication
{
    /// <summary>The secret in the request body.</summary>
    public const string SecretPost = "client_secret_post";

    /// <summary>The secret in an HTTP Basic Authorization header.</summary>
    public const string SecretBasic = "client_secret_basic";

    /// <summary>A client assertion signed with the client's private key.</summary>
    public const string PrivateKeyJwt = "private_key_jwt";

    /// <summary>The methods this client can use.</summary>
    public static readonly IReadOnlyList<string> Methods = [SecretPost, SecretBasic, PrivateKeyJwt];

    private const string AssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private readonly FasOptions fas;
    private readonly Lazy<SigningCredentials?> key;

    /// <summary>Reads the configured method; the key file is read once, when first needed.</summary>
    public ClientAuthentication(IOptions<FasOptions> options)
    {
        fas = options.Value;
        key = new(() => fas.ClientAuthentication == PrivateKeyJwt ? LoadKey(fas.ClientKeyFile!, fas.ClientKeyId) : null);
    }

    /// <summary>The configured method.</summary>
    public string Method => fas.ClientAuthentication;

    /// <summary>
    /// Null when the provider's discovery document allows the configured method (none listed means
    /// client_secret_basic only, OpenID Connect Discovery §3), else a sentence for the operator.
    /// </summary>
    public string? Unsupported(OpenIdConnectConfiguration configuration)
    {
        var supported = configuration.TokenEndpointAuthMethodsSupported is { Count: > 0 } listed ? listed : [SecretBasic];
        return supported.Contains(Method)
            ? null
            : $"the provider does not accept client authentication {Method} (it accepts {string.Join(", ", supported)}): set Fas:ClientAuthentication to one of them";
    }

    /// <summary>
    /// Applies private_key_jwt to a back-channel request message (token redemption or pushed
    /// authorization); the secret methods need nothing here (the handler writes the secret in the
    /// form, and <see cref="SecretInHeader"/> moves it to the header for client_secret_basic).
    /// </summary>
    public void Apply(OpenIdConnectMessage request, string issuer)
    {
        switch (Method)
        {
            case PrivateKeyJwt:
                request.ClientSecret = null;
                request.ClientAssertionType = AssertionType;
                request.ClientAssertion = Assertion(issuer);
                break;
        }
    }

    /// <summary>A client assertion: iss = sub = the client, aud = the provider, one minute, a fresh jti.</summary>
    public string Assertion(string audience)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = fas.ClientId,
            Audience = audience,
            Claims = new Dictionary<string, object> { ["sub"] = fas.ClientId, ["jti"] = Guid.NewGuid().ToString("N") },
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(1),
            SigningCredentials = key.Value ?? throw new InvalidOperationException("private_key_jwt needs Fas:ClientKeyFile"),
        });
    }

    /// <summary>The signing credentials of a PEM private key (EC P-256 → ES256, RSA → RS256).</summary>
    public static SigningCredentials LoadKey(string pemFile, string? keyId)
    {
        string pem = File.ReadAllText(pemFile);
        try
        {
            var ec = ECDsa.Create();
            ec.ImportFromPem(pem);
            return new SigningCredentials(new ECDsaSecurityKey(ec) { KeyId = keyId }, SecurityAlgorithms.EcdsaSha256);
        }
        catch (ArgumentException)
        {
            var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            return new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = keyId }, SecurityAlgorithms.RsaSha256);
        }
    }

    /// <summary>
    /// Moves the client id and secret of a back-channel form request into an HTTP Basic header
    /// (client_secret_basic): the handler always writes them in the form.
    /// </summary>
    public sealed class SecretInHeader(IOptions<FasOptions> options, string secret) : DelegatingHandler
    {
        /// <inheritdoc />
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (options.Value.ClientAuthentication == SecretBasic && request.Method == HttpMethod.Post && request.Content is FormUrlEncodedContent form
                && request.Headers.Authorization is null)
            {
                var fields = System.Web.HttpUtility.ParseQueryString(await form.ReadAsStringAsync(cancellationToken));
                if (fields["client_id"] == options.Value.ClientId)
                {
                    fields.Remove("client_secret");
                    string credentials = Uri.EscapeDataString(options.Value.ClientId) + ":" + Uri.EscapeDataString(secret);
                    request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(credentials)));
                    request.Content = new FormUrlEncodedContent(fields.AllKeys.Select(k => KeyValuePair.Create(k!, fields[k]!)));
                }
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }
}
