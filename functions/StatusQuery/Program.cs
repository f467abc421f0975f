using HybridVote.StatusQuery;

StatusQueryApplication.Build(WebApplication.CreateBuilder(args)).Run();
