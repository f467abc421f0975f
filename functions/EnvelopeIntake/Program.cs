using HybridVote.EnvelopeIntake;

EnvelopeIntakeApplication.Build(WebApplication.CreateBuilder(args)).Run();
