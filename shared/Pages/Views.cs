using HybridVote.Domain;

namespace HybridVote.Pages;

/// <summary>What every page needs besides its content: the language, whether a session is open, and its own path (for the language switch).</summary>
/// <param name="Language">The visitor's language.</param>
/// <param name="LoggedIn">A session is open (the logout button is shown).</param>
/// <param name="Path">The page's path, where the language switch comes back to (GET pages only).</param>
public sealed record PageFrame(Language Language, bool LoggedIn, string Path);

/// <summary>The home page: anonymous, not on the hybrid list, or a voter with their elections.</summary>
/// <param name="Frame">Language and session.</param>
/// <param name="GivenName">The voter's given name when logged in.</param>
/// <param name="Eligible">The voter is on the hybrid list.</param>
/// <param name="Elections">The voter's elections with their dates and what the voter did.</param>
public sealed record HomeView(PageFrame Frame, string? GivenName, bool Eligible, IReadOnlyList<HomeElection> Elections);

/// <summary>One election on the home page: what the voter must know to vote in time (FR005).</summary>
/// <param name="Name">The election, in the page's language.</param>
/// <param name="IssueFrom">Printing opens.</param>
/// <param name="IssueUntil">Printing closes.</param>
/// <param name="PostBy">The last day to post the envelope so that it arrives in time.</param>
/// <param name="ElectionDay">The day in-person voting closes.</param>
/// <param name="Prepaid">The outer envelope needs no stamp.</param>
/// <param name="HelpContact">Where to ask for help, when the organiser gave one.</param>
/// <param name="LastPrinted">When the voter last printed, or null.</param>
/// <param name="Prints">How many times the voter printed.</param>
public sealed record HomeElection(string Name, DateTimeOffset IssueFrom, DateTimeOffset IssueUntil, DateOnly PostBy, DateOnly ElectionDay, bool Prepaid, string? HelpContact,
    DateTimeOffset? LastPrinted, int Prints);

/// <summary>One K-code shown after printing, with the links to its PDFs.</summary>
/// <param name="ElectionId">The election.</param>
/// <param name="ElectionName">Its name.</param>
/// <param name="KCode">The code, shown once and stored nowhere (TR010).</param>
public sealed record PrintedCode(string ElectionId, string ElectionName, string KCode);

/// <summary>The page after "print my ballots".</summary>
/// <param name="Frame">Language and session.</param>
/// <param name="Codes">One code per election; none when the codes are no longer shown.</param>
/// <param name="PrintedAt">When they were issued.</param>
public sealed record PrintView(PageFrame Frame, IReadOnlyList<PrintedCode> Codes, DateTimeOffset? PrintedAt = null);

/// <summary>The ballot's candidate lists as a page, for voters who use a screen reader (the PDF is for printing).</summary>
/// <param name="Frame">Language and session.</param>
/// <param name="ElectionName">The election, in the page's language.</param>
/// <param name="ContestName">The constituency, in the ballot's language(s).</param>
/// <param name="Lists">The lists in number order, candidates in order.</param>
public sealed record ListsView(PageFrame Frame, string ElectionName, string ContestName, IReadOnlyList<CandidateListDefinition> Lists);

/// <summary>The question before a second print (FR006, FR008).</summary>
/// <param name="Frame">Language and session.</param>
/// <param name="LastPrinted">When the voter last printed.</param>
/// <param name="Elections">The elections a new print would give new K-codes for.</param>
public sealed record ReprintView(PageFrame Frame, DateTimeOffset LastPrinted, IReadOnlyList<string> Elections);

/// <summary>One election's envelope on the status page.</summary>
/// <param name="ElectionName">The election.</param>
/// <param name="State">What happened to the envelope.</param>
public sealed record EnvelopeLine(string ElectionName, EnvelopeState State);

/// <summary>The status page (FR005, FR009).</summary>
/// <param name="Frame">Language and session.</param>
/// <param name="Envelopes">The voter's envelopes.</param>
/// <param name="Ballot">The answer for a typed K-code, if one was typed.</param>
/// <param name="RetryAfterMinutes">Set when too many codes were checked.</param>
public sealed record StatusView(PageFrame Frame, IReadOnlyList<EnvelopeLine> Envelopes, BallotStatus? Ballot, int? RetryAfterMinutes);

/// <summary>An error or end page: what happened, in the visitor's language, with a way back.</summary>
/// <param name="Frame">Language and session.</param>
/// <param name="Kind">Which page.</param>
public sealed record ErrorView(PageFrame Frame, ErrorKind Kind);

/// <summary>One role of the person, on the staff home page.</summary>
/// <param name="Role">The role.</param>
/// <param name="ElectionName">The election.</param>
/// <param name="BureauId">The bureau of a bureau role.</param>
/// <param name="BureauName">Its name.</param>
/// <param name="Station">The path of the bureau's reception station, when the role may use it.</param>
/// <param name="Counting">The path of the bureau's tally sheet, when the role may use it.</param>
public sealed record StaffRoleLine(StaffRole Role, string ElectionName, string? BureauId, string? BureauName, string? Station, string? Counting = null)
{
    /// <summary>The count's progress page, for the roles that watch it (organiser, auditor).</summary>
    public string? Progress { get; init; }
}

/// <summary>A bureau of the constituency as its main bureau's president sees it: where its sheet stands, never a figure.</summary>
public sealed record ConstituencyBureauLine(string BureauId, string BureauName, EntryState? State, int? LockVersion);

/// <summary>The staff home page: the person's roles and where to work.</summary>
/// <param name="Frame">Language and session.</param>
/// <param name="GivenName">The person's given name.</param>
/// <param name="Roles">Every role the person holds now.</param>
public sealed record StaffHomeView(PageFrame Frame, string GivenName, IReadOnlyList<StaffRoleLine> Roles);

/// <summary>What the station tells about the envelope just scanned.</summary>
/// <param name="Verdict">The verdict.</param>
/// <param name="Final">Ingest already applied it (otherwise provisional).</param>
/// <param name="Check">For an unknown label: what its check symbol says.</param>
/// <param name="ReceivedAt">For an envelope already received: when.</param>
/// <param name="ReceivedBy">… and by which bureau.</param>
/// <param name="MainBureau">For another constituency's envelope: the main bureau to forward it to.</param>
/// <param name="LabelToken">The token as scanned, for the second-envelope confirmation (never stored in clear).</param>
public sealed record ScanOutcomeView(ScanVerdict Verdict, bool Final, LabelTokenCheck? Check, DateTimeOffset? ReceivedAt, string? ReceivedBy, string? MainBureau, string LabelToken);

/// <summary>One recent scan of the bureau: when, and ingest's verdict (null while it is processed).</summary>
/// <param name="ScannedAt">When it was scanned.</param>
/// <param name="SecondEnvelope">Confirmed as a second envelope.</param>
/// <param name="Final">Ingest's verdict, or null.</param>
/// <param name="ForwardTo">For an envelope of another constituency: the main bureau to forward it to.</param>
public sealed record RecentScanLine(DateTimeOffset ScannedAt, bool SecondEnvelope, ScanVerdict? Final, string? ForwardTo = null);

/// <summary>A bureau's reception station (team A): scan, verdict, counts, latest scans.</summary>
/// <param name="Frame">Language and session.</param>
/// <param name="BureauId">The bureau.</param>
/// <param name="BureauName">Its name.</param>
/// <param name="ScanId">A fresh id for the next scan: sending the form twice records it once.</param>
/// <param name="Outcome">The verdict of the scan just sent, if any.</param>
/// <param name="Unreadable">The scan just sent was empty or not made of label characters.</param>
/// <param name="Days">The bureau's receipts per day.</param>
/// <param name="Recent">The bureau's latest scans, newest first.</param>
/// <param name="Presides">The person presides the bureau: the close form is shown.</param>
/// <param name="Closed">The president's close of the bureau's intake, once done (no more scans).</param>
/// <param name="Close">What the last close attempt gave, when one was just sent.</param>
/// <param name="ScanRefused">A scan was sent after the close: nothing was recorded.</param>
public sealed record StationView(PageFrame Frame, string BureauId, string BureauName, string ScanId, ScanOutcomeView? Outcome, bool Unreadable,
    IReadOnlyList<ReceptionDay> Days, IReadOnlyList<RecentScanLine> Recent, bool Presides = false, ReceptionClose? Closed = null, CloseAttempt? Close = null,
    bool ScanRefused = false);

/// <summary>A close the president just sent: the typed counts (null when unreadable) and why it was refused, if it was.</summary>
/// <param name="CountedAccepted">Envelopes counted for counting.</param>
/// <param name="CountedSetAside">Envelopes counted as set aside.</param>
/// <param name="Refusal">Why it was not recorded; null when it was.</param>
/// <param name="Unreadable">A count was not a whole number of 0 or more.</param>
public sealed record CloseAttempt(long? CountedAccepted, long? CountedSetAside, CloseRefusal? Refusal, bool Unreadable);

/// <summary>How a tally field is named for people: a text key, and the list and candidate it belongs to.</summary>
/// <param name="Key">The field key (R, V, class:…) or the kind of list field (list-total, list-list-only, list-preferences, candidate-effective, candidate-substitute).</param>
/// <param name="List">"number. name" of the list, for list fields.</param>
/// <param name="Candidate">"position. name" of the candidate, for candidate fields.</param>
public sealed record FieldLabel(string Key, string? List, string? Candidate);

/// <summary>A field to type: its key (the form's name) and its words.</summary>
public sealed record TallyFieldLine(string Field, FieldLabel Label);

/// <summary>A field the two typists entered differently, for the president: both values, side by side.</summary>
public sealed record DifferenceLine(string Field, FieldLabel Label, long First, long Second);

/// <summary>A numbered check that did not pass on the definitive sheet.</summary>
public sealed record CheckLine(string Code, CheckSeverity Severity, IReadOnlyList<FieldLabel> Fields);

/// <summary>Why the last action was not recorded: a refusal of the double entry or of the lock, a change by someone else meanwhile, the sheet is locked, or an unlock without a reason.</summary>
public sealed record CountingProblem(EntryRefusal? Refusal, bool Conflict, LockRefusal? Lock = null, bool Locked = false, bool UnlockWithoutReason = false)
{
    /// <summary>The problem's stable name (the page's data attribute and its text key).</summary>
    public string Name => Locked ? "locked" : Conflict ? "conflict" : UnlockWithoutReason ? "unlock-reason" : Lock?.ToString() ?? Refusal?.ToString() ?? "none";
}

/// <summary>The bureau's K-code register as the counting page shows it: ballots per class (never per list), copies undecided, and what reception boxed.</summary>
/// <param name="PerClass">Registered ballots per class, copies the president struck left out.</param>
/// <param name="Undecided">K-codes registered a second time that the president has not confirmed or struck.</param>
/// <param name="BoxedByReception">Inner envelopes the bureau's reception accepted, when it received envelopes.</param>
public sealed record RegisterView(IReadOnlyDictionary<BallotClassification, long> PerClass, long Undecided, long? BoxedByReception);

/// <summary>A K-code registered a second time at the bureau, for the president: never the code.</summary>
public sealed record CopyLine(string EntryId, BallotClassification Classification, DateTimeOffset RegisteredAt, string FirstBureau, string? Decision);

/// <summary>An earlier version of the bureau's figures that the constituency's president unlocked.</summary>
public sealed record UnlockLine(int Version, string Sha256, DateTimeOffset LockedAt, DateTimeOffset UnlockedAt, string Reason);

/// <summary>A counting bureau's tally sheet page (team B): what this person may type or decide now.</summary>
/// <param name="Frame">Language and session.</param>
/// <param name="BureauId">The bureau.</param>
/// <param name="BureauName">Its name.</param>
/// <param name="State">Where the double entry stands.</param>
/// <param name="Round">Its round (2 and more: fields sent back).</param>
/// <param name="Fields">The fields this typist may enter now (none when it is not their turn).</param>
/// <param name="TypedFirst">This person typed the first entry of the round: the second is someone else's.</param>
/// <param name="Differences">For the president: the fields to decide.</param>
/// <param name="Checks">For the president, once definitive: the checks that did not pass.</param>
/// <param name="Problem">Why the last action was not recorded.</param>
/// <param name="Presides">The person presides the bureau (sees differences and checks).</param>
/// <param name="LockSha256">The SHA-256 of the locked snapshot, once the president locked the sheet.</param>
/// <param name="LockedAt">When it was locked.</param>
public sealed record CountingView(PageFrame Frame, string BureauId, string BureauName, EntryState State, int Round, IReadOnlyList<TallyFieldLine> Fields, bool TypedFirst,
    IReadOnlyList<DifferenceLine> Differences, IReadOnlyList<CheckLine> Checks, CountingProblem? Problem, bool Presides, string? LockSha256 = null, DateTimeOffset? LockedAt = null)
{
    /// <summary>The bureau's register and reception figures (per class only).</summary>
    public RegisterView? Register { get; init; }

    /// <summary>For the president: the K-codes registered a second time, decided or not.</summary>
    public IReadOnlyList<CopyLine> Copies { get; init; } = [];

    /// <summary>For the president of a definitive, unlocked sheet: the fields that may be sent back for entry again.</summary>
    public IReadOnlyList<TallyFieldLine> Reopenable { get; init; } = [];

    /// <summary>The person presides the constituency's main bureau and the sheet is locked: may unlock it with a reason.</summary>
    public bool MayUnlock { get; init; }

    /// <summary>The version of the current lock (1, then one more after each unlock).</summary>
    public int? LockVersion { get; init; }

    /// <summary>Earlier versions, unlocked, oldest first.</summary>
    public IReadOnlyList<UnlockLine> Unlocked { get; init; } = [];

    /// <summary>On the main bureau's page, for its president: every bureau of the constituency and where its sheet stands.</summary>
    public IReadOnlyList<ConstituencyBureauLine> Constituency { get; init; } = [];
}

/// <summary>The error and end pages.</summary>
public enum ErrorKind
{
    /// <summary>400: a form could not be read.</summary>
    BadRequest,

    /// <summary>403: the voter is not on the hybrid list.</summary>
    NotEligible,

    /// <summary>404.</summary>
    NotFound,

    /// <summary>405.</summary>
    MethodNotAllowed,

    /// <summary>409: printing is not open now.</summary>
    IssueClosed,

    /// <summary>409: any other conflict.</summary>
    Conflict,

    /// <summary>500.</summary>
    ServerError,

    /// <summary>503: storage unavailable.</summary>
    Unavailable,

    /// <summary>The identity provider's login failed or was cancelled.</summary>
    LoginFailed,

    /// <summary>The login's assurance level was too low.</summary>
    LoginTooWeak,

    /// <summary>The provider logged the person in but gave no (valid) national register number.</summary>
    LoginNoIdentity,

    /// <summary>The identity provider refused or interrupted the login, or cannot be used now (503).</summary>
    LoginProviderError,

    /// <summary>A staff login by a person who holds no role in any election.</summary>
    LoginNoRole,

    /// <summary>401: a page that needs a login, asked for without one or after the session ended.</summary>
    LoginRequired,

    /// <summary>403: a staff page, and the session is not staff with a role here.</summary>
    NotStaff,

    /// <summary>The session was closed by the visitor.</summary>
    LoggedOut,
}

/// <summary>Where a constituency's results stand on the results page.</summary>
public enum ResultsLineState
{
    /// <summary>Before the in-person close or the election's embargo: nothing is shown (FR012, TR014).</summary>
    Embargoed = 1,

    /// <summary>Some bureaus have not locked: nothing is shown.</summary>
    Waiting = 2,

    /// <summary>Every bureau locked: the files can be downloaded.</summary>
    Ready = 3,
}

/// <summary>One constituency on the results page: its state, until when (embargo), the bureaus it waits for, and its files (constituency, then per bureau).</summary>
public sealed record ResultsLine(string ElectionId, string ElectionName, string ContestId, string ContestName, ResultsLineState State, DateTimeOffset? Until,
    IReadOnlyList<string> Bureaus, IReadOnlyList<string> Files, IReadOnlyList<string> BureauFiles);

/// <summary>The results page of organisers and auditors.</summary>
public sealed record ResultsView(PageFrame Frame, IReadOnlyList<ResultsLine> Lines);

/// <summary>The count's progress page: per constituency, bureaus and sheets per state (never a figure, FR012).</summary>
public sealed record ProgressView(PageFrame Frame, IReadOnlyList<CountingProgressLine> Lines);
