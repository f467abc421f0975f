using HybridVote.IsolatedWorker;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace HybridVote.LoginCallback.Isolated;

/// <summary>
/// The HTTP triggers of LoginCallback, one per route of its ASP.NET Core route table (a test compares this
/// app's functions.metadata with that table). Each hands its request to the function's application.
/// </summary>
public sealed class LoginCallbackFunctions(FunctionApplication application)
{
    /// <summary>GET /auth/login</summary>
    [Function("LoginCallbackLogin")]
    public Task Login([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "auth/login")] HttpRequest request) => application.HandleAsync(request.HttpContext);

    /// <summary>GET /auth/staff</summary>
    [Function("LoginCallbackStaffLogin")]
    public Task StaffLogin([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "auth/staff")] HttpRequest request) => application.HandleAsync(request.HttpContext);

    /// <summary>POST /auth/logout</summary>
    [Function("LoginCallbackLogout")]
    public Task Logout([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/logout")] HttpRequest request) => application.HandleAsync(request.HttpContext);

    /// <summary>GET /auth/logged-out</summary>
    [Function("LoginCallbackLoggedOut")]
    public Task LoggedOut([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "auth/logged-out")] HttpRequest request) => application.HandleAsync(request.HttpContext);

    /// <summary>GET /auth/refused/{reason}</summary>
    [Function("LoginCallbackLoginRefused")]
    public Task LoginRefused([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "auth/refused/{reason}")] HttpRequest request) => application.HandleAsync(request.HttpContext);

    /// <summary>GET, POST /auth/callback</summary>
    [Function("LoginCallbackCallback")]
    public Task Callback([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "auth/callback")] HttpRequest request) => application.HandleAsync(request.HttpContext);

    /// <summary>GET /auth/signed-out</summary>
    [Function("LoginCallbackSignedOut")]
    public Task SignedOut([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "auth/signed-out")] HttpRequest request) => application.HandleAsync(request.HttpContext);
}
