using System.ComponentModel.DataAnnotations;

namespace HybridVote.Hosting;

/// <summary>Connection settings every function needs (section "HybridVote").</summary>
public sealed class HybridVoteOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "HybridVote";

    /// <summary>PostgreSQL connection string.</summary>
    [Required]
    public string Database { get; set; } = string.Empty;

    /// <summary>StackExchange.Redis configuration string.</summary>
    [Required]
    public string Redis { get; set; } = string.Empty;

    /// <summary>
    /// Statements Npgsql prepares per connection once they recur (Max Auto Prepare; 0 turns it off,
    /// e.g. behind a PgBouncer older than 1.21 in transaction mode). Preparing skips PostgreSQL's
    /// parse and plan of every statement: +33 % K-code issues per second (scripts/bench status).
    /// </summary>
    public int AutoPrepare { get; set; } = 32;

    /// <summary>Directory holding the key files (a mounted secret in production).</summary>
    [Required]
    public string KeysDirectory { get; set; } = string.Empty;

    /// <summary>Absolute lifetime of a session in minutes, whatever its sliding renewals (ASVS V3.3.2).</summary>
    [System.ComponentModel.DataAnnotations.Range(5, 24 * 60)]
    public int SessionAbsoluteMinutes { get; set; } = 60;
}
