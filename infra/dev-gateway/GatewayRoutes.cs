using Yarp.ReverseProxy.Configuration;

namespace HybridVote.DevGateway;

/// <summary>
/// Path routing like the OpenFaaS gateway or the cluster ingress: one origin in front of every
/// function, so the session cookie is same-origin. Section "Gateway": function name → base URL.
/// </summary>
public static class GatewayRoutes
{
    /// <summary>Path prefix → function (the same table as the Helm chart's ingress).</summary>
    public static readonly IReadOnlyDictionary<string, string> Prefixes = new Dictionary<string, string>
    {
        ["/print"] = "KCodeIssue",
        ["/ballots"] = "BallotRender",
        ["/status"] = "StatusQuery",
        ["/intake"] = "EnvelopeIntake",
        ["/registration"] = "BallotRegistration",
        ["/"] = "LoginCallback",
    };

    /// <summary>The routes.</summary>
    public static IReadOnlyList<RouteConfig> Routes(IConfiguration _) => Prefixes.Select(p => new RouteConfig
    {
        RouteId = p.Value,
        ClusterId = p.Value,
        Order = p.Key == "/" ? 100 : 1,
        Match = new RouteMatch { Path = p.Key == "/" ? "/{**rest}" : p.Key + "/{**rest}" },
        Transforms = [new Dictionary<string, string> { ["RequestHeaderOriginalHost"] = "true" }],
    }).ToList();

    /// <summary>One cluster per function, its address from configuration.</summary>
    public static IReadOnlyList<ClusterConfig> Clusters(IConfiguration configuration) => Prefixes.Values.Select(name => new ClusterConfig
    {
        ClusterId = name,
        Destinations = new Dictionary<string, DestinationConfig>
        {
            ["d1"] = new() { Address = configuration[$"Gateway:{name}"] ?? throw new InvalidOperationException($"Gateway:{name} is not configured") },
        },
    }).ToList();
}
