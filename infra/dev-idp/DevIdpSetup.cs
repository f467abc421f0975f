using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace HybridVote.DevIdp;

/// <summary>
/// A real OpenID Connect provider (OpenIddict) standing in for CSAM/FAS: the same endpoint names
/// (/authorize, /access_token, /userinfo, /connect/jwk_uri), code flow with PKCE only, and ID
/// tokens carrying the FAS claims (egovNRN, givenName, surname, prefLanguage, acr; or, in the
/// "fas-2019" shape, acr "0" with the level in amr and the identity only from userinfo), a single
/// sign-on session of its own, prompt=login, and RP-initiated logout at /logout.
/// </summary>
public static class DevIdpSetup
{
    /// <summary>Adds OpenIddict with an in-memory store and the local login cookie.</summary>
    public static WebApplicationBuilder AddDevIdentityProvider(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DevIdpOptions>().BindConfiguration(DevIdpOptions.Section);
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<DevIdpOptions>>().Value);
        builder.Services.AddSingleton(sp => DemoAccounts.Load(sp.GetRequiredService<DevIdpOptions>().AccountsFile));
        string store = "dev-idp-" + Guid.NewGuid().ToString("N");
        builder.Services.AddDbContext<DbContext>(o =>
        {
            o.UseInMemoryDatabase(store);
            o.UseOpenIddict();
        });
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            o.LoginPath = "/login";
            o.Cookie.Name = "dev_idp";
        });
        builder.Services.AddAuthorization();
        builder.Services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<DbContext>())
            .AddServer(o =>
            {
                o.SetAuthorizationEndpointUris("authorize")
                    .SetTokenEndpointUris("access_token")
                    .SetUserInfoEndpointUris("userinfo")
                    .SetEndSessionEndpointUris("logout")
                    .SetJsonWebKeySetEndpointUris("connect/jwk_uri");
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                o.RegisterScopes(Scopes.OpenId, Scopes.Profile, "egovnrn");
                o.RegisterClaims("egovNRN", "givenName", "surname", "prefLanguage", Claims.AuthenticationContextReference, Claims.AuthenticationMethodReference);
                o.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
                o.DisableAccessTokenEncryption();
                o.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .DisableTransportSecurityRequirement();
            });
        builder.Services.AddOptions<OpenIddictServerOptions>().Configure<DevIdpOptions>((o, options) =>
        {
            o.Issuer = new Uri(options.Issuer);
            if (options.ClientAuthenticationMethods.Length > 0)
            {
                o.ClientAuthenticationMethods.Clear();
                foreach (string method in options.ClientAuthenticationMethods.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    o.ClientAuthenticationMethods.Add(method);
                }
            }
        });
        return builder;
    }

    /// <summary>Registers the HybridVote client (confidential, code flow, PKCE).</summary>
    public static async Task RegisterClientAsync(this IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var options = scope.ServiceProvider.GetRequiredService<DevIdpOptions>();
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = options.ClientId,
            ClientSecret = File.ReadAllText(options.ClientSecretFile).Trim(),
            ClientType = ClientTypes.Confidential,
            Permissions =
            {
                Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.EndSession,
                Permissions.GrantTypes.AuthorizationCode, Permissions.ResponseTypes.Code,
                Permissions.Scopes.Profile, Permissions.Prefixes.Scope + "egovnrn",
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        foreach (var uri in options.RedirectUris.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            descriptor.RedirectUris.Add(new Uri(uri));
        }

        foreach (var uri in options.PostLogoutRedirectUris.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            descriptor.PostLogoutRedirectUris.Add(new Uri(uri));
        }

        await manager.CreateAsync(descriptor);
    }
}
