using System.Globalization;

namespace HybridVote.ElectionResults;

/// <summary>Reads the votes file of <c>hv seats</c>: the header <c>list,votes</c>, then one row per list.</summary>
public static class SeatsFile
{
    /// <summary>The lists, or the sentence naming the line that is wrong.</summary>
    public static (IReadOnlyList<ListVotes>? Lists, string? Problem) Read(IEnumerable<string> lines)
    {
        var lists = new List<ListVotes>();
        int number = 0;
        foreach (string raw in lines)
        {
            number++;
            string line = raw.TrimEnd('\r');
            if (number == 1)
            {
                if (line.Trim().TrimStart('\uFEFF') != "list,votes")
                {
                    return (null, $"line 1: the header must be \"list,votes\", not \"{line}\"");
                }

                continue;
            }

            if (line.Length == 0)
            {
                continue;
            }

            int comma = line.LastIndexOf(',');
            string list = comma > 0 ? line[..comma].Trim().Trim('"') : string.Empty;
            if (comma <= 0 || list.Length == 0)
            {
                return (null, $"line {number}: expected a list and its votes separated by a comma, got \"{line}\"");
            }

            if (!long.TryParse(line[(comma + 1)..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long votes))
            {
                return (null, $"line {number}: the votes of list {list} are not a whole number of 0 or more: \"{line[(comma + 1)..].Trim()}\"");
            }

            if (lists.Any(l => l.List == list))
            {
                return (null, $"line {number}: list {list} appears twice");
            }

            lists.Add(new ListVotes(list, votes));
        }

        return lists.Count == 0 ? (null, number == 0 ? "the file is empty: expected the header \"list,votes\" and one row per list" : "the file has no list after its header") : (lists, null);
    }
}
