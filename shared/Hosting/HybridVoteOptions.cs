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

    /// <summary>
    /// Addresses or CIDR networks of the proxies in front of the functions (the ingress controller's
    /// pods). Only they, and loopback, may set X-Forwarded-For/-Proto/-Host and the forwarded client
    /// certificate; from anyone else those headers are ignored.
    /// </summary>
    public string[] TrustedProxies { get; set; } = [];

    /// <summary>
    /// The port on which, and only on which, /healthz, /readyz and /metrics answer (ASVS V14.3):
    /// the kubelet and Prometheus reach it inside the cluster; the ingress and the gateway route to
    /// the function's public port, where those paths are 404. The function must listen on it too
    /// (ASPNETCORE_URLS).
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(1, 65535)]
    public int OperationsPort { get; set; } = 9090;
}
