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

    /// <summary>Directory holding the key files (a mounted secret in production).</summary>
    [Required]
    public string KeysDirectory { get; set; } = string.Empty;
}
