using HybridVote.Hosting;
using HybridVote.Pages;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace HybridVote.LoginCallback;

/// <summary>Wires the OpenID Connect client for CSAM/FAS (FR003, SEC003): code flow, PKCE, state, nonce, JWKS.</summary>
public static class LoginSetup
{
    /// <summary>The authentication scheme of the provider.</summary>
    public const string Scheme = "fas";

    /// <summary>
    /// Ends the provider's own session too when it advertises an end_session_endpoint (RP-initiated
    /// logout, back to /auth/signed-out and then the logged-out page); true when the answer is that
    /// redirect. A provider that cannot be reached does not keep the voter from logging out here.
    /// </summary>
    public static async Task<bool> EndProviderSessionAsync(HttpContext ctx)
    {
        var options = ctx.RequestServices.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(Scheme);
        try
        {
            var configuration = await options.ConfigurationManager!.GetConfigurationAsync(ctx.RequestAborted);
            if (string.IsNullOrEmpty(configuration.EndSessionEndpoint))
            {
                return false;
            }
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or IOException)
        {
            return false;
        }

        await ctx.SignOutAsync(Scheme, new AuthenticationProperties { RedirectUri = Routes.LoggedOut });
        return true;
    }

    /// <summary>Adds the OIDC client and the login service.</summary>
    public static WebApplicationBuilder AddVoterLogin(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<FasOptions>().BindConfiguration(FasOptions.Section).ValidateDataAnnotations()
            .Validate(f => ClientAuthentication.Methods.Contains(f.ClientAuthentication),
                "Fas:ClientAuthentication is one of " + string.Join(", ", ClientAuthentication.Methods))
            // A missing secret or key file would silently become no credential and fail every login.
            .Validate(f => !f.UsesSecret || File.Exists(f.ClientSecretFile), "Fas:ClientSecretFile names no file: the client secret must be mounted there")
            .Validate(f => f.UsesSecret || File.Exists(f.ClientKeyFile), "Fas:ClientKeyFile names no file: private_key_jwt needs the client's private key (PEM) mounted there")
            .ValidateOnStart();
        builder.Services.AddSingleton<LoginService>();
        builder.Services.AddSingleton<ClientAuthentication>();
        builder.Services.AddHostedService<ProviderCheck>();
        // Registered before the handler's own post-configuration, which builds the back channel
        // from this handler: every back-channel answer, in tests too, passes the userinfo check,
        // and a client_secret_basic client sends its secret in the header.
        builder.Services.AddSingleton<IPostConfigureOptions<OpenIdConnectOptions>>(sp => new PostConfigureOptions<OpenIdConnectOptions>(Scheme, o =>
        {
            var fas = sp.GetRequiredService<IOptions<FasOptions>>();
            o.BackchannelHttpHandler = new UserInfoCheck(sp)
            {
                InnerHandler = new ClientAuthentication.SecretInHeader(fas, o.ClientSecret ?? string.Empty) { InnerHandler = o.BackchannelHttpHandler ?? new SocketsHttpHandler() },
            };
        }));
        builder.Services.AddAuthentication().AddOpenIdConnect(Scheme, _ => { });
        builder.Services.AddOptions<OpenIdConnectOptions>(Scheme).Configure<IOptions<FasOptions>>((o, fasOptions) =>
        {
            var fas = fasOptions.Value;
            o.SignInScheme = FunctionHost.SessionScheme;
            o.Authority = fas.Authority;
            o.ClientId = fas.ClientId;
            o.ClientSecret = fas.UsesSecret ? File.ReadAllText(fas.ClientSecretFile).Trim() : null;
            // Pushed authorization requests whenever the provider advertises them (RFC 9126).
            o.PushedAuthorizationBehavior = PushedAuthorizationBehavior.UseIfAvailable;
            o.ResponseType = "code";
            o.ResponseMode = "query";
            o.UsePkce = true;
            o.CallbackPath = Routes.LoginCallback;
            o.SignedOutCallbackPath = "/auth/signed-out";
            o.RequireHttpsMetadata = fas.RequireHttpsMetadata;
            o.MapInboundClaims = false;
            o.SaveTokens = false;
            o.GetClaimsFromUserInfoEndpoint = fas.UseUserInfo;
            o.Scope.Clear();
            o.Scope.Add("openid");
            foreach (var scope in fas.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                o.Scope.Add(scope);
            }

            o.ClaimActions.Remove(FasClaims.Acr);
            o.ClaimActions.Remove(FasClaims.Amr);
            foreach (var claim in new[] { FasClaims.NationalNumber, FasClaims.GivenName, FasClaims.Surname, FasClaims.PreferredLanguage, FasClaims.Acr })
            {
                o.ClaimActions.MapUniqueJsonKey(claim, claim);
            }

            // amr is an array: each of its values becomes a claim (the level may be any of them).
            o.ClaimActions.MapJsonKey(FasClaims.Amr, FasClaims.Amr);

            o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.Always;
            o.CorrelationCookie.SameSite = SameSiteMode.Lax;
            o.NonceCookie.SecurePolicy = CookieSecurePolicy.Always;
            o.NonceCookie.SameSite = SameSiteMode.Lax;
            o.Events = new OpenIdConnectEvents
            {
                OnRedirectToIdentityProvider = async ctx =>
                {
                    var configuration = await ctx.Options.ConfigurationManager!.GetConfigurationAsync(ctx.HttpContext.RequestAborted);
                    if (ctx.HttpContext.RequestServices.GetRequiredService<ClientAuthentication>().Unsupported(configuration) is { } mismatch)
                    {
                        LoginService.ProviderMismatch(ctx.HttpContext, mismatch);
                        ctx.Response.Redirect(Routes.Refused(LoginService.ProviderError));
                        ctx.HandleResponse();
                        return;
                    }

                    ctx.ProtocolMessage.AcrValues = fas.AcrValues;
                    if (fas.Prompt.Length > 0)
                    {
                        ctx.ProtocolMessage.Prompt = fas.Prompt;
                    }

                    ctx.ProtocolMessage.UiLocales = VoterSession.LanguageOf(ctx.HttpContext).ToString().ToLowerInvariant();
                },
                OnPushAuthorization = ctx =>
                {
                    var auth = ctx.HttpContext.RequestServices.GetRequiredService<ClientAuthentication>();
                    if (auth.Method == ClientAuthentication.PrivateKeyJwt)
                    {
                        auth.Apply(ctx.ProtocolMessage, ctx.Options.Configuration?.Issuer ?? fas.Authority);
                        ctx.HandleClientAuthentication();
                    }

                    return Task.CompletedTask;
                },
                OnAuthorizationCodeReceived = ctx =>
                {
                    ctx.HttpContext.RequestServices.GetRequiredService<ClientAuthentication>()
                        .Apply(ctx.TokenEndpointRequest!, ctx.Options.Configuration?.Issuer ?? fas.Authority);
                    return Task.CompletedTask;
                },
                // RP-initiated logout names the client (no ID token is kept to hint with: it holds the national number).
                OnRedirectToIdentityProviderForSignOut = ctx =>
                {
                    ctx.ProtocolMessage.ClientId = fas.ClientId;
                    return Task.CompletedTask;
                },
                OnTicketReceived = ctx => ctx.HttpContext.RequestServices.GetRequiredService<LoginService>().CompleteAsync(ctx),
                OnRemoteFailure = ctx =>
                {
                    // The provider answered with an error (access_denied when the person cancelled,
                    // temporarily_unavailable…), or the answer could not be used.
                    bool fromProvider = ctx.Request.Query.ContainsKey("error") || ctx.Failure is HttpRequestException;
                    ctx.Response.Redirect(Routes.Refused(fromProvider ? LoginService.ProviderError : LoginService.Failed));
                    ctx.HandleResponse();
                    return Task.CompletedTask;
                },
            };
        });
        return builder;
    }
}
