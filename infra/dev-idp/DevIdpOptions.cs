namespace HybridVote.DevIdp;

/// <summary>Settings of the development identity provider (section "DevIdp").</summary>
public sealed class DevIdpOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "DevIdp";

    /// <summary>Issuer URL, e.g. http://localhost:8081/.</summary>
    public string Issuer { get; set; } = "http://localhost:8081/";

    /// <summary>JSON file of demo accounts written by <c>hv demo</c>.</summary>
    public string AccountsFile { get; set; } = string.Empty;

    /// <summary>The client id of HybridVote.</summary>
    public string ClientId { get; set; } = "hybridvote";

    /// <summary>File holding the client secret (shared with LoginCallback).</summary>
    public string ClientSecretFile { get; set; } = string.Empty;

    /// <summary>Allowed redirect URIs, separated by spaces.</summary>
    public string RedirectUris { get; set; } = string.Empty;

    /// <summary>
    /// Where the claims go, to test the client against each shape FAS has used: "" (the default:
    /// acr Level&lt;n&gt;, every claim in the ID token) or "fas-2019" (acr "0", the level in amr,
    /// the identity claims only from userinfo, as a public FAS integration token of 2019 had them).
    /// </summary>
    public string Shape { get; set; } = string.Empty;

    /// <summary>Redirect URIs allowed after logout, separated by spaces.</summary>
    public string PostLogoutRedirectUris { get; set; } = string.Empty;

    /// <summary>
    /// How userinfo answers: "json" (the default), "jwt" (signed with the provider's key, for this
    /// client) or "forged-jwt" (signed with a key the provider never published: a client must refuse it).
    /// </summary>
    public string UserInfo { get; set; } = "json";

    /// <summary>
    /// Client authentication methods the provider accepts and advertises, space-separated (empty:
    /// OpenIddict's own set), to test a client configured for a method its provider does not take.
    /// </summary>
    public string ClientAuthenticationMethods { get; set; } = string.Empty;
}
