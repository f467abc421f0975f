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

    /// <summary>Path of a file holding the client secret (a mounted secret).</summary>
    [Required]
    public string ClientSecretFile { get; set; } = string.Empty;

    /// <summary>Scopes requested besides openid.</summary>
    public string Scopes { get; set; } = "profile egovnrn";

    /// <summary>The acr_values requested, e.g. urn:be:fedict:iam:fas:Level450.</summary>
    public string AcrValues { get; set; } = "urn:be:fedict:iam:fas:Level450";

    /// <summary>Lowest accepted level (the number at the end of the acr, e.g. 450 for eID/itsme).</summary>
    public int MinimumLevel { get; set; } = 450;

    /// <summary>Also read claims from the userinfo endpoint (JSON or signed JWT).</summary>
    public bool UseUserInfo { get; set; }

    /// <summary>Require HTTPS metadata (true in every environment except local development).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;
}
