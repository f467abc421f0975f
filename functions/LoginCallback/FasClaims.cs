using System.Globalization;
using System.Security.Claims;

namespace HybridVote.LoginCallback;

/// <summary>The claims CSAM/FAS sends and the assurance-level rule (SEC003).</summary>
public static class FasClaims
{
    /// <summary>National register number.</summary>
    public const string NationalNumber = "egovNRN";

    /// <summary>Given name.</summary>
    public const string GivenName = "givenName";

    /// <summary>Surname.</summary>
    public const string Surname = "surname";

    /// <summary>Preferred language (fr, nl, de, en).</summary>
    public const string PreferredLanguage = "prefLanguage";

    /// <summary>Authentication context class reference.</summary>
    public const string Acr = "acr";

    /// <summary>The level number of an acr such as urn:be:fedict:iam:fas:Level450, or 0.</summary>
    public static int Level(string? acr)
    {
        if (string.IsNullOrEmpty(acr))
        {
            return 0;
        }

        int at = acr.LastIndexOf("Level", StringComparison.Ordinal);
        return at >= 0 && int.TryParse(acr.AsSpan(at + 5), NumberStyles.None, CultureInfo.InvariantCulture, out int level) ? level : 0;
    }

    /// <summary>The first value of a claim (case-sensitive type).</summary>
    public static string? Value(ClaimsPrincipal principal, string type) => principal.FindFirst(type)?.Value;
}
