using HybridVote.IsolatedWorker;
using HybridVote.KCodeIssue;

IsolatedHost.Run(args, KCodeIssueApplication.Build);
