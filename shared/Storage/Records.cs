using HybridVote.Domain;

namespace HybridVote.Storage;

/// <summary>
/// What voters are told about posting the envelope (FR005): the last day to post it so that it
/// arrives before the in-person close, whether the outer envelope needs a stamp, and where to ask
/// for help (null: no contact given).
/// </summary>
public sealed record ElectionNotice(DateOnly PostBy, bool Prepaid, string? HelpContact);

/// <summary>An election as stored, with its calendar, its name per language and what voters are told.</summary>
public sealed record ElectionInfo(string Id, string Name, ElectionCalendar Calendar, LocalNames Names, ElectionNotice Notice)
{
    /// <summary>The name in <paramref name="language"/> (the EML's name where none is given).</summary>
    public string NameIn(Language language) => Names.In(language, Name);

    /// <summary>The name in each of a ballot's languages.</summary>
    public string NameIn(IReadOnlyList<Language> languages) => Names.In(languages, Name);
}

/// <summary>A constituency as stored, with its name per language.</summary>
public sealed record ContestInfo(string ElectionId, string Id, string Name, string Languages, int Seats, string? MainBureauId, LocalNames Names)
{
    /// <summary>The name in each of a ballot's languages (the EML's name where none is given).</summary>
    public string NameIn(IReadOnlyList<Language> languages) => Names.In(languages, Name);
}

/// <summary>A bureau as stored.</summary>
public sealed record BureauInfo(string Id, string Name, string Address, string ElectionId, string ContestId);

/// <summary>A voter's part in one election: how often and when last they printed.</summary>
public sealed record Participation(string ElectionId, string ContestId, int PrintCount, DateTimeOffset? LastPrintedAt = null);

/// <summary>A voter found by the keyed hash of the national number.</summary>
public sealed record VoterRecord(byte[] VoterKey, Language Language, byte[] NameSealed, IReadOnlyList<Participation> Elections);

/// <summary>The envelope record of a voter for one election, with the election's name.</summary>
public sealed record EnvelopeView(string ElectionId, string ElectionName, EnvelopeState State);

/// <summary>A counted ballot as registered (by K-code hash).</summary>
public sealed record RegisteredBallot(string ElectionId, DateOnly RegisteredOn, int Copies);

/// <summary>What a print did: whether the voter is on the hybrid list, and the elections printed.</summary>
public sealed record PrintRecord(bool Eligible, IReadOnlyList<PrintedElection> Printed);

/// <summary>An election a print issued a K-code for.</summary>
public sealed record PrintedElection(string ElectionId, string Name, string ContestId);
