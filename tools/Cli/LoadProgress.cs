using System.Diagnostics;

namespace HybridVote.Cli;

/// <summary>Progress of a long load on standard error: rows, rate and an estimate of the time left.</summary>
public sealed class LoadProgress(string what, long expected) : IProgress<long>
{
    private readonly Stopwatch clock = Stopwatch.StartNew();

    /// <inheritdoc />
    public void Report(long value)
    {
        double seconds = Math.Max(clock.Elapsed.TotalSeconds, 0.001);
        double rate = value / seconds;
        string eta = expected > value && rate > 0 ? $", about {Duration((expected - value) / rate)} left" : string.Empty;
        Console.Error.WriteLine($"  {what}: {value:N0} read in {Duration(seconds)} ({rate:N0}/s){eta}");
    }

    private static string Duration(double seconds) => seconds >= 60 ? $"{(int)(seconds / 60)} min {(int)(seconds % 60)} s" : $"{seconds:F0} s";
}
