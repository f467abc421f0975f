namespace HybridVote.Domain;

/// <summary>One election as the organising authority defines it (EML 110).</summary>
public sealed record ElectionDefinition(string EventId, string Id, string Name, ElectionCalendar Calendar, IReadOnlyList<ContestDefinition> Contests);

/// <summary>A constituency: its languages ("fr", "nl", "de" or "fr+nl") and its main bureau.</summary>
public sealed record ContestDefinition(string Id, string Name, string Languages, int Seats, BureauDefinition MainBureau);

/// <summary>A reception/counting bureau and its postal address (the label's recipient).</summary>
public sealed record BureauDefinition(string Id, string Name, string Address);

/// <summary>A candidate list in a constituency (EML 230): effective candidates, then substitutes, in order.</summary>
public sealed record CandidateListDefinition(string ElectionId, string ContestId, int Number, string Name, IReadOnlyList<string> Effective, IReadOnlyList<string> Substitutes);

/// <summary>A hybrid voter for one election (EML 330).</summary>
public sealed record VoterEntry(string NationalNumber, string GivenName, string Surname, Language Language, string ElectionId, string ContestId)
{
    /// <summary>The name as printed on the label.</summary>
    public string FullName => $"{GivenName} {Surname}";
}
