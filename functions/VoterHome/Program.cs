using HybridVote.VoterHome;

VoterHomeApplication.Build(WebApplication.CreateBuilder(args)).Run();
