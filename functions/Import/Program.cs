using HybridVote.Import;

return await Cli.RunAsync(args);
