using HybridVote.IsolatedWorker;
using HybridVote.LoginCallback;

IsolatedHost.Run(args, LoginCallbackApplication.Build);
