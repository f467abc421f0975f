using HybridVote.IsolatedWorker;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace HybridVote.VoterHome.Isolated;

/// <summary>
/// The HTTP triggers of VoterHome, one per route of its ASP.NET Core route table (a test compares this
/// app's functions.metadata with that table). Each hands its request to the function's application.
/// </summary>
public sealed class VoterHomeFunctions(FunctionApplication application)
{
    /// <summary>GET /</summary>
    [Function("VoterHomeHome")]
    public Task Home([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "")] HttpRequest request) => application.HandleAsync(request.HttpContext);

    /// <summary>GET /lang/{code}</summary>
    [Function("VoterHomeLanguageSwitch")]
    public Task LanguageSwitch([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "lang/{code}")] HttpRequest request) => application.HandleAsync(request.HttpContext);

    /// <summary>GET /assets/site.css</summary>
    [Function("VoterHomeSiteCss")]
    public Task SiteCss([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "assets/site.css")] HttpRequest request) => application.HandleAsync(request.HttpContext);
}
