using HybridVote.IsolatedWorker;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace HybridVote.ReceptionStation.Isolated;

/// <summary>
/// The HTTP triggers of ReceptionStation, one per route of its ASP.NET Core route table (a test compares this
/// app's functions.metadata with that table). Each hands its request to the function's application.
/// </summary>
public sealed class ReceptionStationFunctions(FunctionApplication application)
{
    /// <summary>GET /reception</summary>
    [Function("ReceptionStationStation")]
    public Task Station([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "reception")] HttpRequest request) => application.HandleAsync(request.HttpContext);

    /// <summary>GET /reception/{bureauId}</summary>
    [Function("ReceptionStationBureau")]
    public Task Bureau([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "reception/{bureauId}")] HttpRequest request) => application.HandleAsync(request.HttpContext);

    /// <summary>POST /reception/{bureauId}/scan</summary>
    [Function("ReceptionStationScan")]
    public Task Scan([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "reception/{bureauId}/scan")] HttpRequest request) => application.HandleAsync(request.HttpContext);

    /// <summary>POST /reception/{bureauId}/close</summary>
    [Function("ReceptionStationClose")]
    public Task Close([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "reception/{bureauId}/close")] HttpRequest request) => application.HandleAsync(request.HttpContext);

    /// <summary>GET /reception/{bureauId}/report.pdf</summary>
    [Function("ReceptionStationReport")]
    public Task Report([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "reception/{bureauId}/report.pdf")] HttpRequest request) => application.HandleAsync(request.HttpContext);
}
