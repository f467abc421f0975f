using HybridVote.ReceptionStation;

ReceptionStationApplication.Build(WebApplication.CreateBuilder(args)).Run();
