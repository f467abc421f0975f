using HybridVote.Cli;

return await Hv.RunAsync(args);
