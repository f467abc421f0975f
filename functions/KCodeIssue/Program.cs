using HybridVote.KCodeIssue;

KCodeIssueApplication.Build(WebApplication.CreateBuilder(args)).Run();
