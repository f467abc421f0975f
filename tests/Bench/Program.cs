using HybridVote.Bench;

return args.FirstOrDefault() switch
{
    "hello" => HelloServer.Run(args),
    "render" => RenderBench.Run(),
    "cookie" => await BenchData.CookieAsync(args),
    "tokens" => await BenchData.TokensAsync(args),
    "kcodes" => BenchData.KCodes(args),
    "tally" => await TallyBench.RunAsync(args),
    "results" => await ResultsBench.RunAsync(args),
    "parse" => ParseBench.Run(args),
    "isolated" => await IsolatedColdStart.RunAsync(args),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: HybridVote.Bench hello --urls URL | render | cookie | tokens N FILE | kcodes N ELECTION CONTEST FILE | tally [N] | results | parse [--validate] [--crypto KEYDIR] FILE... | isolated VoterHome|BallotRender PATH");
    return 2;
}
