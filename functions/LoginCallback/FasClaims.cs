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

    /// <summary>Authentication methods references (FAS puts the level here, with acr "0").</summary>
    public const string Amr = "amr";

    /// <summary>The namespace of FAS assurance levels: urn:be:fedict:iam:fas:Level450 is level 450.</summary>
    public const string LevelPrefix = "urn:be:fedict:iam:fas:Level";

    /// <summary>
    /// The assurance level of a login: the highest <c>urn:be:fedict:iam:fas:Level&lt;n&gt;</c> among
    /// the values of the given claims (acr and amr by default: FAS has sent the level in either,
    /// with acr "0" when it is in amr), or 0 when none has one. Values of another namespace, such
    /// as "evil:Level999", count for nothing (SEC003).
    /// </summary>
    public static int Level(ClaimsPrincipal principal, IEnumerable<string> claimTypes)
    {
        int best = 0;
        foreach (string type in claimTypes)
        {
            foreach (var claim in principal.FindAll(type))
            {
                best = Math.Max(best, Level(claim.Value));
            }
        }

        return best;
    }

    /// <summary>The level number of one value such as urn:be:fedict:iam:fas:Level450, or 0.</summary>
    public static int Level(string? value) =>
        value is not null && value.StartsWith(LevelPrefix, StringComparison.Ordinal)
            && int.TryParse(value.AsSpan(LevelPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out int level) ? level : 0;

    /// <summary>The first value of a claim (case-sensitive type).</summary>
    public static string? Value(ClaimsPrincipal principal, string type) => principal.FindFirst(type)?.Value;
}
