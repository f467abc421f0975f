using HybridVote.Domain;

namespace HybridVote.Ballots;

/// <summary>Everything a blank ballot shows (TR003): the same for every voter of an election, constituency and language.</summary>
public sealed record BallotView(string ElectionName, string ContestName, DateOnly ElectionDate, Language Language, IReadOnlyList<CandidateListDefinition> Lists);

/// <summary>Everything a personal envelope label shows. The K-code is never on it (TR009).</summary>
public sealed record LabelView(string VoterName, string BureauName, string BureauAddress, string ElectionName, string LabelToken, Language Language);
