namespace HybridVote.Cli;

/// <summary>A command line that parses but cannot be run as given; exits with code 2 after saying why.</summary>
public sealed class UsageException(string message) : Exception(message);
