namespace HybridVote.Bench;

/// <summary>Kestrel hello world: the machine's HTTP ceiling, measured in the same run as each figure.</summary>
public static class HelloServer
{
    /// <summary>Serves "hello" until stopped.</summary>
    public static int Run(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args.Skip(1).ToArray());
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/", () => "hello");
        app.Run();
        return 0;
    }
}
