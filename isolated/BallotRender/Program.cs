using HybridVote.IsolatedWorker;
using HybridVote.BallotRender;

IsolatedHost.Run(args, BallotRenderApplication.Build);
