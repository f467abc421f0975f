using HybridVote.IsolatedWorker;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace HybridVote.CountingStation.Isolated;

/// <summary>
/// The HTTP triggers of CountingStation, one per route of its ASP.NET Core route table (a test compares this
/// app's functions.metadata with that table). Each hands its request to the function's application.
/// </summary>
public sealed class CountingStationFunctions(FunctionApplication application)
{
    /// <summary>GET /counting/{bureauId}</summary>
    [Function("CountingStationBureau")]
    public Task Bureau([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "counting/{bureauId}")] HttpRequest request) => application.HandleAsync(request.HttpContext);

    /// <summary>POST /counting/{bureauId}/entry</summary>
    [Function("CountingStationEntry")]
    public Task Entry([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "counting/{bureauId}/entry")] HttpRequest request) => application.HandleAsync(request.HttpContext);

    /// <summary>POST /counting/{bureauId}/decide</summary>
    [Function("CountingStationDecide")]
    public Task Decide([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "counting/{bureauId}/decide")] HttpRequest request) => application.HandleAsync(request.HttpContext);

    /// <summary>POST /counting/{bureauId}/lock</summary>
    [Function("CountingStationLock")]
    public Task Lock([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "counting/{bureauId}/lock")] HttpRequest request) => application.HandleAsync(request.HttpContext);

    /// <summary>POST /counting/{bureauId}/copy</summary>
    [Function("CountingStationCopy")]
    public Task Copy([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "counting/{bureauId}/copy")] HttpRequest request) => application.HandleAsync(request.HttpContext);

    /// <summary>POST /counting/{bureauId}/reopen</summary>
    [Function("CountingStationReopen")]
    public Task Reopen([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "counting/{bureauId}/reopen")] HttpRequest request) => application.HandleAsync(request.HttpContext);

    /// <summary>POST /counting/{bureauId}/unlock</summary>
    [Function("CountingStationUnlock")]
    public Task Unlock([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "counting/{bureauId}/unlock")] HttpRequest request) => application.HandleAsync(request.HttpContext);

    /// <summary>GET /counting</summary>
    [Function("CountingStationProgress")]
    public Task Progress([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "counting")] HttpRequest request) => application.HandleAsync(request.HttpContext);

    /// <summary>GET /counting/progress.csv</summary>
    [Function("CountingStationProgressCsv")]
    public Task ProgressCsv([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "counting/progress.csv")] HttpRequest request) => application.HandleAsync(request.HttpContext);

    /// <summary>GET /counting/results</summary>
    [Function("CountingStationResults")]
    public Task Results([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "counting/results")] HttpRequest request) => application.HandleAsync(request.HttpContext);

    /// <summary>GET /counting/results/{electionId}/{contestId}/{file}</summary>
    [Function("CountingStationResultsFile")]
    public Task ResultsFile([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "counting/results/{electionId}/{contestId}/{file}")] HttpRequest request) => application.HandleAsync(request.HttpContext);
}
