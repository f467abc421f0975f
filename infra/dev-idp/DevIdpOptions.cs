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
}
