using HybridVote.IsolatedWorker;
using HybridVote.CountingStation;

IsolatedHost.Run(args, CountingStationApplication.Build);
