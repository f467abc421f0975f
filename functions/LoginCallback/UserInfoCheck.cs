using System.Net.Http.Headers;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace HybridVote.LoginCallback;

/// <summary>
/// Checks a userinfo answer that comes as a signed JWT (application/jwt) before the OpenID Connect
/// handler reads it: its signature against the provider's published keys, its issuer and its
/// audience (this client). The handler itself would take the JWT's claims unchecked, so a userinfo
/// signed by any key could name another person (SEC003). A forged one fails the login. A plain JSON
/// userinfo is accepted only because it comes over the authenticated back channel (TLS to the
/// provider, bearer access token), like the token answer.
/// </summary>
public sealed class UserInfoCheck(IServiceProvider services) : DelegatingHandler
{
    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (response.Content.Headers.ContentType?.MediaType != "application/jwt")
        {
            return response;
        }

        var options = services.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(LoginSetup.Scheme);
        var configuration = await options.ConfigurationManager!.GetConfigurationAsync(cancellationToken);
        string jwt = (await response.Content.ReadAsStringAsync(cancellationToken)).Trim();
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(jwt, new TokenValidationParameters
        {
            ValidIssuer = configuration.Issuer,
            ValidAudience = options.ClientId,
            IssuerSigningKeys = configuration.SigningKeys,
            // A userinfo JWT need not expire (OpenID Connect Core 5.3.2); when it does, it is checked.
            RequireExpirationTime = false,
            ValidateLifetime = true,
        });
        if (!result.IsValid)
        {
            response.Dispose();
            throw new SecurityTokenException("the userinfo answer is a JWT that is not signed by the provider for this client: " + result.Exception?.GetType().Name);
        }

        // The handler reads the same, now checked, content.
        var content = new StringContent(jwt);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/jwt");
        response.Content = content;
        return response;
    }
}
