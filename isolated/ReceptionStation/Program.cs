using HybridVote.IsolatedWorker;
using HybridVote.ReceptionStation;

IsolatedHost.Run(args, ReceptionStationApplication.Build);
