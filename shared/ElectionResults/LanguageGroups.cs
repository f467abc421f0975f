namespace HybridVote.ElectionResults;

/// <summary>A language group of the Brussels Parliament: its name, its seats and the lists that belong to it.</summary>
public sealed record LanguageGroup(string Name, int Seats, IReadOnlyList<ListVotes> Lists);

/// <summary>
/// The Brussels Parliament elects its members per language group: 72 for the French-speaking
/// group and 17 for the Dutch-speaking group (special law of 12 January 1989 on the Brussels
/// institutions), each group's seats allocated by D'Hondt among that group's lists only, with the
/// 5 % threshold counted on the valid votes of the group, not of the region.
/// </summary>
public static class LanguageGroups
{
    /// <summary>The seats of the Brussels Parliament's French-speaking group.</summary>
    public const int BrusselsFrench = 72;

    /// <summary>The seats of the Brussels Parliament's Dutch-speaking group.</summary>
    public const int BrusselsDutch = 17;

    /// <summary>Each group's allocation, in the order the groups were given.</summary>
    public static IReadOnlyList<(string Group, SeatOutcome Outcome)> Allocate(IReadOnlyList<LanguageGroup> groups, int thresholdPercent) =>
        [.. groups.Select(g => (g.Name, SeatAllocation.DHondt(g.Lists, g.Seats, thresholdPercent)))];
}
