using HybridVote.Bench;

return args.FirstOrDefault() switch
{
    "hello" => HelloServer.Run(args),
    "render" => RenderBench.Run(),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: HybridVote.Bench hello --urls URL | render");
    return 2;
}
