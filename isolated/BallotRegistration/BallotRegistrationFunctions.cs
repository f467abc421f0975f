using HybridVote.IsolatedWorker;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace HybridVote.BallotRegistration.Isolated;

/// <summary>
/// The HTTP triggers of BallotRegistration, one per route of its ASP.NET Core route table (a test compares this
/// app's functions.metadata with that table). Each hands its request to the function's application.
/// </summary>
public sealed class BallotRegistrationFunctions(FunctionApplication application)
{
    /// <summary>POST /registration/ballots</summary>
    [Function("BallotRegistrationBallots")]
    public Task Ballots([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "registration/ballots")] HttpRequest request) => application.HandleAsync(request.HttpContext);
}
