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

    /// <summary>Adds the OIDC client and the login service.</summary>
    public static WebApplicationBuilder AddVoterLogin(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<FasOptions>().BindConfiguration(FasOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<LoginService>();
        builder.Services.AddAuthentication().AddOpenIdConnect(Scheme, _ => { });
        builder.Services.AddOptions<OpenIdConnectOptions>(Scheme).Configure<IOptions<FasOptions>>((o, fasOptions) =>
        {
            var fas = fasOptions.Value;
            o.SignInScheme = FunctionHost.SessionScheme;
            o.Authority = fas.Authority;
            o.ClientId = fas.ClientId;
            o.ClientSecret = File.Exists(fas.ClientSecretFile) ? File.ReadAllText(fas.ClientSecretFile).Trim() : null;
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
            foreach (var claim in new[] { FasClaims.NationalNumber, FasClaims.GivenName, FasClaims.Surname, FasClaims.PreferredLanguage, FasClaims.Acr })
            {
                o.ClaimActions.MapUniqueJsonKey(claim, claim);
            }

            o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.Always;
            o.CorrelationCookie.SameSite = SameSiteMode.Lax;
            o.NonceCookie.SecurePolicy = CookieSecurePolicy.Always;
            o.NonceCookie.SameSite = SameSiteMode.Lax;
            o.Events = new OpenIdConnectEvents
            {
                OnRedirectToIdentityProvider = ctx =>
                {
                    ctx.ProtocolMessage.AcrValues = fas.AcrValues;
                    ctx.ProtocolMessage.UiLocales = VoterSession.LanguageOf(ctx.HttpContext).ToString().ToLowerInvariant();
                    return Task.CompletedTask;
                },
                OnTicketReceived = ctx => ctx.HttpContext.RequestServices.GetRequiredService<LoginService>().CompleteAsync(ctx),
                OnRemoteFailure = ctx =>
                {
                    ctx.Response.Redirect(Routes.Refused(LoginService.Failed));
                    ctx.HandleResponse();
                    return Task.CompletedTask;
                },
            };
        });
        return builder;
    }
}
