using HybridVote.IsolatedWorker;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace HybridVote.BallotRender.Isolated;

/// <summary>
/// The HTTP triggers of BallotRender, one per route of its ASP.NET Core route table (a test compares this
/// app's functions.metadata with that table). Each hands its request to the function's application.
/// </summary>
public sealed class BallotRenderFunctions(FunctionApplication application)
{
    /// <summary>GET /ballots/ballot/{electionId}</summary>
    [Function("BallotRenderBallot")]
    public Task Ballot([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "ballots/ballot/{electionId}")] HttpRequest request) => application.HandleAsync(request.HttpContext);

    /// <summary>GET /ballots/label/{electionId}</summary>
    [Function("BallotRenderLabel")]
    public Task Label([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "ballots/label/{electionId}")] HttpRequest request) => application.HandleAsync(request.HttpContext);

    /// <summary>GET /ballots/instructions/{electionId}</summary>
    [Function("BallotRenderInstructions")]
    public Task Instructions([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "ballots/instructions/{electionId}")] HttpRequest request) => application.HandleAsync(request.HttpContext);

    /// <summary>GET /ballots/lists/{electionId}</summary>
    [Function("BallotRenderLists")]
    public Task Lists([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "ballots/lists/{electionId}")] HttpRequest request) => application.HandleAsync(request.HttpContext);

    /// <summary>GET /ballots/blank/{electionId}/{contestId}/{languages}</summary>
    [Function("BallotRenderBlankBallot")]
    public Task BlankBallot([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "ballots/blank/{electionId}/{contestId}/{languages}")] HttpRequest request) => application.HandleAsync(request.HttpContext);
}
