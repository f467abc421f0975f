using HybridVote.CountingStation;

CountingStationApplication.Build(WebApplication.CreateBuilder(args)).Run();
