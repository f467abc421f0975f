using HybridVote.Domain;

namespace HybridVote.Pages;

/// <summary>
/// The route catalogue: every path a page links to or a function maps, in one place. Functions map
/// their endpoints with these constants and pages link with them, so no URL is written twice.
/// </summary>
public static class Routes
{
    /// <summary>The voter home page (VoterHome).</summary>
    public const string Home = "/";

    /// <summary>The style sheet of every page (VoterHome).</summary>
    public const string SiteCss = "/assets/site.css";

    /// <summary>Language switch, <c>/lang/{code}?r=path</c> (VoterHome).</summary>
    public const string LanguageSwitch = "/lang/{code}";

    /// <summary>Starts the eID login (LoginCallback).</summary>
    public const string Login = "/auth/login";

    /// <summary>Starts the eID login of bureau staff (LoginCallback).</summary>
    public const string StaffLogin = "/auth/staff";

    /// <summary>Where the identity provider returns (LoginCallback).</summary>
    public const string LoginCallback = "/auth/callback";

    /// <summary>Ends the session (LoginCallback, POST).</summary>
    public const string Logout = "/auth/logout";

    /// <summary>The page shown after logging out (LoginCallback).</summary>
    public const string LoggedOut = "/auth/logged-out";

    /// <summary>The page shown when a login is refused, <c>/auth/refused/{reason}</c> (LoginCallback).</summary>
    public const string LoginRefused = "/auth/refused/{reason}";

    /// <summary>True for the pages of bureau staff (reception and counting), which staff log in to with <see cref="StaffLogin"/>.</summary>
    public static bool IsStaffPage(string path) =>
        path.StartsWith(Station, StringComparison.Ordinal) || path.StartsWith(CountingProgress, StringComparison.Ordinal);

    /// <summary>"Print my ballot" as a page (KCodeIssue, POST; GET shows the codes of the last print).</summary>
    public const string Print = "/print";

    /// <summary>"Print my ballot" as JSON (KCodeIssue, POST).</summary>
    public const string PrintApi = "/print/api";

    /// <summary>Envelope and ballot status page (StatusQuery; GET, and POST with a K-code).</summary>
    public const string Status = "/status";

    /// <summary>The voter's ballot PDF, <c>/ballots/ballot/{electionId}</c> (BallotRender).</summary>
    public const string BallotPdf = "/ballots/ballot/{electionId}";

    /// <summary>The voter's label PDF (BallotRender).</summary>
    public const string LabelPdf = "/ballots/label/{electionId}";

    /// <summary>The instruction sheet PDF (BallotRender).</summary>
    public const string InstructionsPdf = "/ballots/instructions/{electionId}";

    /// <summary>The candidate lists of the voter's constituency as a plain page, for screen readers (BallotRender).</summary>
    public const string BallotLists = "/ballots/lists/{electionId}";

    /// <summary>A blank ballot, public (BallotRender).</summary>
    public const string BlankBallot = "/ballots/blank/{electionId}/{contestId}/{languages}";

    /// <summary>A scanner sends one receipt (EnvelopeIntake, bureau credential).</summary>
    public const string IntakeReceipt = "/intake/receipt";

    /// <summary>A scanner sends a batch of receipts (EnvelopeIntake, bureau credential).</summary>
    public const string IntakeReceipts = "/intake/receipts";

    /// <summary>A counting bureau registers counted ballots (BallotRegistration, bureau credential).</summary>
    public const string RegistrationBallots = "/registration/ballots";

    /// <summary>The staff home: the bureaus and roles of the person (ReceptionStation).</summary>
    public const string Station = "/reception";

    /// <summary>The reception station of a bureau, <c>/reception/{bureauId}</c> (ReceptionStation; GET).</summary>
    public const string StationBureau = "/reception/{bureauId}";

    /// <summary>A scan typed or read at the station (ReceptionStation; POST).</summary>
    public const string StationScan = "/reception/{bureauId}/scan";

    /// <summary>The president closes the bureau's intake with the hand counts (ReceptionStation; POST).</summary>
    public const string StationClose = "/reception/{bureauId}/close";

    /// <summary>The bureau's reception report, PDF (ReceptionStation; GET).</summary>
    public const string StationReport = "/reception/{bureauId}/report.pdf";

    /// <summary>A counting bureau's tally sheet (CountingStation; GET).</summary>
    public const string CountingBureau = "/counting/{bureauId}";

    /// <summary>A typist's entry of the tally sheet (CountingStation; POST).</summary>
    public const string CountingEntry = "/counting/{bureauId}/entry";

    /// <summary>The president's decision on a differing field (CountingStation; POST).</summary>
    public const string CountingDecide = "/counting/{bureauId}/decide";

    /// <summary>The president locks the bureau's tally sheet (CountingStation; POST).</summary>
    public const string CountingLock = "/counting/{bureauId}/lock";

    /// <summary>The president confirms or strikes a K-code registered a second time (CountingStation; POST).</summary>
    public const string CountingCopy = "/counting/{bureauId}/copy";

    /// <summary>The president sends settled fields of the definitive sheet back for entry again (CountingStation; POST).</summary>
    public const string CountingReopen = "/counting/{bureauId}/reopen";

    /// <summary>The constituency's president lifts a bureau's lock, with a reason (CountingStation; POST).</summary>
    public const string CountingUnlock = "/counting/{bureauId}/unlock";

    /// <summary>The count's progress: bureaus and sheets per state, never a figure (CountingStation; GET).</summary>
    public const string CountingProgress = "/counting";

    /// <summary>The same progress as CSV (CountingStation; GET).</summary>
    public const string CountingProgressCsv = "/counting/progress.csv";

    /// <summary>The results per constituency, once the embargo is over and every bureau locked (CountingStation; GET).</summary>
    public const string CountingResults = "/counting/results";

    /// <summary>One results file of a constituency: EML 510, its signature, a PV, CSV or JSON (CountingStation; GET).</summary>
    public const string CountingResultsFile = "/counting/results/{electionId}/{contestId}/{file}";

    /// <summary>The address of one results file.</summary>
    public static string ResultsFile(string electionId, string contestId, string file) =>
        $"/counting/results/{Uri.EscapeDataString(electionId)}/{Uri.EscapeDataString(contestId)}/{Uri.EscapeDataString(file)}";

    /// <summary>A bureau's reception station path.</summary>
    public static string ForBureau(string template, string bureauId) =>
        template.Replace("{bureauId}", Uri.EscapeDataString(bureauId), StringComparison.Ordinal);

    /// <summary>The language switch link that comes back to <paramref name="returnPath"/>.</summary>
    public static string SwitchTo(Language language, string returnPath) =>
        "/lang/" + language.Code() + (returnPath == Home ? string.Empty : "?r=" + Uri.EscapeDataString(returnPath));

    /// <summary>The login-refused page for a reason ("weak" or "failed").</summary>
    public static string Refused(string reason) => LoginRefused.Replace("{reason}", reason, StringComparison.Ordinal);

    /// <summary>A route template with its <c>{electionId}</c> filled.</summary>
    public static string ForElection(string template, string electionId) =>
        template.Replace("{electionId}", Uri.EscapeDataString(electionId), StringComparison.Ordinal);

    // The pages a language switch may return to: known paths only, never a URL from the request
    // (open redirects through //host, /\host, tabs or encoded forms are then impossible as a class).
    private static readonly HashSet<string> ReturnPages = new(StringComparer.Ordinal) { Home, Status, LoggedOut, Station, Print };

    /// <summary>The page to return to after a language switch: <paramref name="path"/> when it is a known page, else home.</summary>
    public static string SafeReturn(string? path) => path is not null && (ReturnPages.Contains(path) || IsStationOfABureau(path)) ? path : Home;

    // /reception/ and a bureau id of letters, digits and hyphens: a page of this site, whatever the id.
    private static bool IsStationOfABureau(string path) =>
        path.StartsWith(Station + "/", StringComparison.Ordinal) && path.Length > Station.Length + 1 && path.Length <= Station.Length + 41
        && path.AsSpan(Station.Length + 1).IndexOfAnyExcept("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-") < 0;
}
