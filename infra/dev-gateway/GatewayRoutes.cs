using HybridVote.Hosting;
using Yarp.ReverseProxy.Configuration;

namespace HybridVote.DevGateway;

/// <summary>
/// Path routing like the OpenFaaS gateway or the cluster ingress: one origin in front of every
/// function, so the session cookie is same-origin. The routes come from the function catalogue;
/// section "Gateway": function name → base URL.
/// </summary>
public static class GatewayRoutes
{
    private static IEnumerable<FunctionEntry> Routed => FunctionCatalogue.All.Where(f => f.Prefix is not null);

    /// <summary>The routes: each prefix to its function, "/" last.</summary>
    public static IReadOnlyList<RouteConfig> Routes(IConfiguration _) => Routed.Select(f => new RouteConfig
    {
        RouteId = f.Name,
        ClusterId = f.Name,
        Order = f.Prefix == "/" ? 100 : 1,
        Match = new RouteMatch { Path = f.Prefix == "/" ? "/{**rest}" : f.Prefix + "/{**rest}" },
        Transforms = [new Dictionary<string, string> { ["RequestHeaderOriginalHost"] = "true" }],
    }).ToList();

    /// <summary>One cluster per function, its address from configuration.</summary>
    public static IReadOnlyList<ClusterConfig> Clusters(IConfiguration configuration) => Routed.Select(f => new ClusterConfig
    {
        ClusterId = f.Name,
        Destinations = new Dictionary<string, DestinationConfig>
        {
            ["d1"] = new() { Address = configuration[$"Gateway:{f.Name}"] ?? throw new InvalidOperationException($"Gateway:{f.Name} is not configured") },
        },
    }).ToList();
}
