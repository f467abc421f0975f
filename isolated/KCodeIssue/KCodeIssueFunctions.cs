using HybridVote.IsolatedWorker;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace HybridVote.KCodeIssue.Isolated;

/// <summary>
/// The HTTP triggers of KCodeIssue, one per route of its ASP.NET Core route table (a test compares this
/// app's functions.metadata with that table). Each hands its request to the function's application.
/// </summary>
public sealed class KCodeIssueFunctions(FunctionApplication application)
{
    /// <summary>GET, POST /print</summary>
    [Function("KCodeIssuePrint")]
    public Task Print([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "print")] HttpRequest request) => application.HandleAsync(request.HttpContext);

    /// <summary>POST /print/api</summary>
    [Function("KCodeIssuePrintApi")]
    public Task PrintApi([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "print/api")] HttpRequest request) => application.HandleAsync(request.HttpContext);
}
