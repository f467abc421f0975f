using HybridVote.LoginCallback;

LoginCallbackApplication.Build(WebApplication.CreateBuilder(args)).Run();
