using HybridVote.IsolatedWorker;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace HybridVote.EnvelopeIntake.Isolated;

/// <summary>
/// The HTTP triggers of EnvelopeIntake, one per route of its ASP.NET Core route table (a test compares this
/// app's functions.metadata with that table). Each hands its request to the function's application.
/// </summary>
public sealed class EnvelopeIntakeFunctions(FunctionApplication application)
{
    /// <summary>POST /intake/receipt</summary>
    [Function("EnvelopeIntakeReceipt")]
    public Task Receipt([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "intake/receipt")] HttpRequest request) => application.HandleAsync(request.HttpContext);

    /// <summary>POST /intake/receipts</summary>
    [Function("EnvelopeIntakeReceipts")]
    public Task Receipts([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "intake/receipts")] HttpRequest request) => application.HandleAsync(request.HttpContext);
}
