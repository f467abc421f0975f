using HybridVote.IsolatedWorker;
using HybridVote.VoterHome;

IsolatedHost.Run(args, VoterHomeApplication.Build);
