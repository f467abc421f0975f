using HybridVote.Domain;

namespace HybridVote.Ballots;

/// <summary>
/// Everything a blank ballot shows (TR003): the same for every voter of an election, constituency
/// and language(s). Brussels ballots carry French and Dutch (TR006).
/// </summary>
public sealed record BallotView(string ElectionName, string ContestName, DateOnly ElectionDate, IReadOnlyList<Language> Languages, IReadOnlyList<CandidateListDefinition> Lists, bool Proof = false);

/// <summary>Everything a personal envelope label shows (VoterIdentity: the name, then the address on its own line). The K-code is never on it (TR009).</summary>
public sealed record LabelView(string VoterIdentity, string BureauName, string BureauAddress, string ElectionName, string LabelToken, Language Language);
