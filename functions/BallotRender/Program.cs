using HybridVote.BallotRender;

BallotRenderApplication.Build(WebApplication.CreateBuilder(args)).Run();
