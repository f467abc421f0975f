using System.Collections.Concurrent;

namespace HybridVote.Cli;

/// <summary>
/// Reads several files at once (one reader per core) and hands their entries to a single consumer
/// (the load's COPY) in batches. Order across files is not kept; within a file it is. A failure in
/// any file stops the read and reaches the consumer with the file's name.
/// </summary>
public static class ParallelFiles
{
    private const int BatchSize = 2048;

    /// <summary>A failure while reading <see cref="File"/>.</summary>
    public sealed class FileException(string file, Exception inner) : Exception($"{file}: {inner.Message}", inner)
    {
        /// <summary>The file's name.</summary>
        public string File { get; } = file;
    }

    /// <summary>Runs <paramref name="read"/> on one file, naming the file in a failure.</summary>
    public static T Located<T>(string path, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is not FileException)
        {
            throw new FileException(Path.GetFileName(path), e);
        }
    }

    /// <summary>The entries of every file, read by up to <paramref name="readers"/> threads.</summary>
    public static IEnumerable<T> Read<T>(IReadOnlyList<string> paths, Func<string, IEnumerable<T>> read, int readers = 0)
    {
        using var queue = new BlockingCollection<T[]>(boundedCapacity: 32);
        using var stop = new CancellationTokenSource();
        int next = -1, running = Math.Clamp(readers > 0 ? readers : Environment.ProcessorCount, 1, paths.Count);
        Exception? failure = null;
        void Reader()
        {
            try
            {
                for (int i = Interlocked.Increment(ref next); i < paths.Count && !stop.IsCancellationRequested; i = Interlocked.Increment(ref next))
                {
                    var batch = new List<T>(BatchSize);
                    foreach (var item in Enumerate(paths[i], read))
                    {
                        batch.Add(item);
                        if (batch.Count == BatchSize)
                        {
                            queue.Add([.. batch], stop.Token);
                            batch.Clear();
                        }
                    }

                    if (batch.Count > 0)
                    {
                        queue.Add([.. batch], stop.Token);
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref failure, e, null);
                stop.Cancel();
            }
            finally
            {
                if (Interlocked.Decrement(ref running) == 0)
                {
                    queue.CompleteAdding();
                }
            }
        }

        var threads = Enumerable.Range(0, running).Select(_ => new Thread(Reader) { IsBackground = true, Name = "file-reader" }).ToList();
        threads.ForEach(t => t.Start());
        try
        {
            foreach (var batch in queue.GetConsumingEnumerable())
            {
                if (failure is not null)
                {
                    break;
                }

                foreach (var item in batch)
                {
                    yield return item;
                }
            }
        }
        finally
        {
            // The consumer stopped (done, or failed itself): readers stop too.
            stop.Cancel();
            threads.ForEach(t => t.Join());
        }

        if (failure is not null)
        {
            throw failure;
        }
    }

    private static IEnumerable<T> Enumerate<T>(string path, Func<string, IEnumerable<T>> read)
    {
        using var items = read(path).GetEnumerator();
        while (true)
        {
            T item;
            try
            {
                if (!items.MoveNext())
                {
                    yield break;
                }

                item = items.Current;
            }
            catch (Exception e) when (e is not FileException)
            {
                throw new FileException(Path.GetFileName(path), e);
            }

            yield return item;
        }
    }
}
