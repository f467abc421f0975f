using System.ComponentModel.DataAnnotations;

namespace HybridVote.StatusQuery;

/// <summary>
/// Limits on K-code checks (section "CheckLimits"). The Estonian verifier allows 3 checks in 30
/// minutes; a voter here may mistype and has one code per election, so the default is 10 checks
/// per session and 100 per client address (a household or a care home behind one address) in 30
/// minutes. Typing errors caught by the check symbol count too: they are what a prober produces.
/// </summary>
public sealed class CheckLimitOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "CheckLimits";

    /// <summary>Checks per voter session in a window.</summary>
    [Range(1, 10_000)]
    public int PerSession { get; set; } = 10;

    /// <summary>Checks per client address in a window.</summary>
    [Range(1, 100_000)]
    public int PerClient { get; set; } = 100;

    /// <summary>Window length in minutes.</summary>
    [Range(1, 1440)]
    public int WindowMinutes { get; set; } = 30;
}
