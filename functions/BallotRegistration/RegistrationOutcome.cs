namespace HybridVote.BallotRegistration;

/// <summary>A counted ballot as the counting bureau sends it.</summary>
/// <param name="KCode">The K-code handwritten on the ballot, as typed by the bureau.</param>
/// <param name="Classification">The code of a <see cref="HybridVote.Domain.BallotClassification"/>.</param>
/// <param name="EntryId">The client's unique id of this registration; a retry sends the same id and gets the first answer, changing nothing.</param>
public sealed record CountedBallotDto(string? KCode, string? Classification, string? EntryId);

/// <summary>A batch of counted ballots.</summary>
public sealed record CountedBatchDto(IReadOnlyList<CountedBallotDto>? Ballots);

/// <summary>What registering a batch produced.</summary>
public abstract record RegistrationOutcome
{
    private RegistrationOutcome()
    {
    }

    /// <summary>Registered; per ballot "registered" (first copy) or "copy" (the president confirms or strikes it on the counting page).</summary>
    public sealed record Registered(IReadOnlyList<string> Results) : RegistrationOutcome;

    /// <summary>Refused: in-person voting has not closed (FR012, TR014), or the election is validated.</summary>
    public sealed record CountingClosed : RegistrationOutcome;

    /// <summary>Refused: the bureau's president has locked its tally sheet (an unlock needs the constituency's president); nothing was written.</summary>
    public sealed record SheetLocked : RegistrationOutcome;

    /// <summary>Refused: an entry id was already used for another K-code; nothing was written.</summary>
    public sealed record EntryReused(Dictionary<string, string[]> Errors) : RegistrationOutcome;

    /// <summary>Refused: some ballots are invalid; nothing was written.</summary>
    public sealed record Invalid(Dictionary<string, string[]> Errors) : RegistrationOutcome;
}
