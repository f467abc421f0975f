using System.ComponentModel.DataAnnotations;

namespace HybridVote.LoginCallback;

/// <summary>
/// The OpenID Connect provider (CSAM/FAS in production, the dev identity provider locally): only
/// this configuration differs between them (ARCHITECTURE §6).
/// </summary>
public sealed class FasOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Fas";

    /// <summary>Issuer, e.g. https://idp.iamfas.belgium.be/fas/oauth2.</summary>
    [Required]
    public string Authority { get; set; } = string.Empty;

    /// <summary>Client id registered with the provider.</summary>
    [Required]
    public string ClientId { get; set; } = string.Empty;

    /// <summary>Path of a file holding the client secret (a mounted secret); it must exist at start for the secret methods.</summary>
    public string ClientSecretFile { get; set; } = string.Empty;

    /// <summary>client_secret_post (default), client_secret_basic or private_key_jwt.</summary>
    public string ClientAuthentication { get; set; } = LoginCallback.ClientAuthentication.SecretPost;

    /// <summary>PEM file of the client's private key (EC P-256 or RSA) for private_key_jwt.</summary>
    public string? ClientKeyFile { get; set; }

    /// <summary>The key id (kid) the provider knows the client's key by, for private_key_jwt.</summary>
    public string? ClientKeyId { get; set; }

    /// <summary>True when the client authenticates with its secret.</summary>
    public bool UsesSecret => ClientAuthentication != LoginCallback.ClientAuthentication.PrivateKeyJwt;

    /// <summary>Scopes requested besides openid.</summary>
    public string Scopes { get; set; } = "profile egovnrn";

    /// <summary>The acr_values requested, e.g. urn:be:fedict:iam:fas:Level450.</summary>
    public string AcrValues { get; set; } = "urn:be:fedict:iam:fas:Level450";

    /// <summary>Lowest accepted level (the number at the end of the acr, e.g. 450 for eID/itsme).</summary>
    public int MinimumLevel { get; set; } = 450;

    /// <summary>
    /// Claims that may carry the assurance level, space-separated (the highest
    /// urn:be:fedict:iam:fas:Level&lt;n&gt; among them counts): FAS has sent it in acr, and in amr
    /// with acr "0".
    /// </summary>
    public string AssuranceClaims { get; set; } = "acr amr";

    /// <summary>
    /// The prompt sent with every authorization request: "login" makes the provider ask for the
    /// means again even when it still has a session (a shared family or library computer after a
    /// logout); empty sends none.
    /// </summary>
    public string Prompt { get; set; } = "login";

    /// <summary>
    /// Also read claims from the userinfo endpoint (plain JSON over the back channel, or a JWT whose
    /// signature, issuer and audience are checked): FAS has sent egovNRN and the names only there.
    /// </summary>
    public bool UseUserInfo { get; set; } = true;

    /// <summary>Require HTTPS metadata (true in every environment except local development).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;
}
