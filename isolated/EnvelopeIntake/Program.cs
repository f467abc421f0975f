using HybridVote.IsolatedWorker;
using HybridVote.EnvelopeIntake;

IsolatedHost.Run(args, EnvelopeIntakeApplication.Build);
