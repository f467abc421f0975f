using HybridVote.IsolatedWorker;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace HybridVote.StatusQuery.Isolated;

/// <summary>
/// The HTTP triggers of StatusQuery, one per route of its ASP.NET Core route table (a test compares this
/// app's functions.metadata with that table). Each hands its request to the function's application.
/// </summary>
public sealed class StatusQueryFunctions(FunctionApplication application)
{
    /// <summary>GET, POST /status</summary>
    [Function("StatusQueryStatus")]
    public Task Status([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "status")] HttpRequest request) => application.HandleAsync(request.HttpContext);

    /// <summary>GET /status/api/envelopes</summary>
    [Function("StatusQueryEnvelopes")]
    public Task Envelopes([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "status/api/envelopes")] HttpRequest request) => application.HandleAsync(request.HttpContext);

    /// <summary>POST /status/api/ballot</summary>
    [Function("StatusQueryBallotCheck")]
    public Task BallotCheck([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "status/api/ballot")] HttpRequest request) => application.HandleAsync(request.HttpContext);
}
