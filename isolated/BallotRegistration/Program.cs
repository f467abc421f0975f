using HybridVote.IsolatedWorker;
using HybridVote.BallotRegistration;

IsolatedHost.Run(args, BallotRegistrationApplication.Build);
