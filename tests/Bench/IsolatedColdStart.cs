using System.Diagnostics;
using HybridVote.IsolatedWorker;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace HybridVote.Bench;

/// <summary>
/// The worker's share of an isolated-worker cold start, without the Functions host (which cannot be
/// installed here): from this process's start to the first 200 of one HTTP trigger, invoked as the
/// host's forwarded request would invoke it (the function's application built and started, then the
/// trigger handed a request). Prints the milliseconds.
/// </summary>
public static class IsolatedColdStart
{
    /// <summary>isolated FUNCTION PATH: VoterHome / or BallotRender /ballots/blank/E/C/L.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 3)
        {
            return 2;
        }

        Func<WebApplicationBuilder, WebApplication> build = args[1] switch
        {
            "VoterHome" => VoterHome.VoterHomeApplication.Build,
            "BallotRender" => BallotRender.BallotRenderApplication.Build,
            _ => throw new ArgumentException("VoterHome or BallotRender"),
        };
        await using var application = new FunctionApplication(build, args[3..]);
        await application.StartAsync(CancellationToken.None);
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("localhost");
        context.Request.Path = args[2];
        context.Response.Body = new MemoryStream();
        Task answer = args[1] == "VoterHome"
            ? new VoterHome.Isolated.VoterHomeFunctions(application).Home(context.Request)
            : new BallotRender.Isolated.BallotRenderFunctions(application).BlankBallot(context.Request);
        await answer;
        double ms = (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalMilliseconds;
        Console.WriteLine($"{context.Response.StatusCode} {ms:F0}");
        await application.StopAsync(CancellationToken.None);
        return context.Response.StatusCode == 200 ? 0 : 1;
    }
}
