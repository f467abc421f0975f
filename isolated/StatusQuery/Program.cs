using HybridVote.IsolatedWorker;
using HybridVote.StatusQuery;

IsolatedHost.Run(args, StatusQueryApplication.Build);
