namespace HybridVote.Domain;

/// <summary>One election as the organising authority defines it (EML 110); <paramref name="Names"/> its name per language where the file gives one.</summary>
public sealed record ElectionDefinition(string EventId, string Id, string Name, ElectionCalendar Calendar, IReadOnlyList<ContestDefinition> Contests, LocalNames? Names = null);

/// <summary>A constituency: its languages ("fr", "nl", "de" or "fr+nl"), its main bureau, and its name per language where the file gives one.</summary>
public sealed record ContestDefinition(string Id, string Name, string Languages, int Seats, BureauDefinition MainBureau, LocalNames? Names = null);

/// <summary>A reception/counting bureau and its postal address (the label's recipient).</summary>
public sealed record BureauDefinition(string Id, string Name, string Address);

/// <summary>A candidate list in a constituency (EML 230): effective candidates, then substitutes, in order.</summary>
public sealed record CandidateListDefinition(string ElectionId, string ContestId, int Number, string Name, IReadOnlyList<string> Effective, IReadOnlyList<string> Substitutes);

/// <summary>A constituency a voter votes in, for one election.</summary>
public sealed record VoterContest(string ElectionId, string ContestId);

/// <summary>
/// A voter as a commune or a consular post lists them (EML 330): identity, the address for the
/// label, language, the list's source (commune code or post) and every election they vote in.
/// </summary>
public sealed record ListedVoter(string NationalNumber, string GivenName, string Surname, string Address, Language Language, string Source, IReadOnlyList<VoterContest> Contests)
{
    /// <summary>The name as printed on the label.</summary>
    public string FullName => $"{GivenName} {Surname}";

    /// <summary>What the label shows of the voter: the name, then the address on its own line.</summary>
    public string LabelIdentity => Address.Length == 0 ? FullName : FullName + "\n" + Address;

    /// <summary>The district key: the voter's constituencies, one per election, sorted by election.</summary>
    public string DistrictKey => string.Join(',', Contests.OrderBy(c => c.ElectionId, StringComparer.Ordinal).Select(c => c.ElectionId + ":" + c.ContestId));

    /// <inheritdoc />
    public bool Equals(ListedVoter? other) => other is not null && NationalNumber == other.NationalNumber && GivenName == other.GivenName && Surname == other.Surname
        && Address == other.Address && Language == other.Language && Source == other.Source && Contests.SequenceEqual(other.Contests);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(NationalNumber, Source);
}
