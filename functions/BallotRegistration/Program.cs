using HybridVote.BallotRegistration;

BallotRegistrationApplication.Build(WebApplication.CreateBuilder(args)).Run();
