namespace HybridVote.Domain;

/// <summary>The roles of the people who work with the system (FR011, SEC014, REQUIREMENTS §2).</summary>
public enum StaffRole
{
    /// <summary>Team A: scans outer envelopes at one reception bureau.</summary>
    ReceptionOperator = 1,

    /// <summary>Team B: registers ballots and types tally sheets at one counting bureau.</summary>
    CountingTypist = 2,

    /// <summary>Presides one bureau: closes its intake, decides differences, locks its figures.</summary>
    President = 3,

    /// <summary>Configures an election: imports, calendar. Never counts.</summary>
    Organiser = 4,

    /// <summary>Reads the audit trail and the reports of an election; changes nothing.</summary>
    Auditor = 5,

    /// <summary>Watches health, queue depth and scaling; sees no election data.</summary>
    Operator = 6,
}

/// <summary>What a person may do; each staff endpoint asks for one of these (SEC014).</summary>
public enum StaffPermission
{
    /// <summary>Scan envelopes and see the reception counts of a bureau.</summary>
    Receive = 1,

    /// <summary>Close a bureau's intake, confirm its counts, and everything <see cref="Receive"/> allows.</summary>
    Preside = 2,

    /// <summary>Register ballots and type tally sheets of a bureau.</summary>
    Count = 3,

    /// <summary>Change an election's configuration (calendar, imports, staff).</summary>
    Organise = 4,

    /// <summary>Read an election's audit trail and reports.</summary>
    Audit = 5,

    /// <summary>Read operations metrics.</summary>
    Operate = 6,
}

/// <summary>One role of a person: in an election, and for the bureau roles, at one bureau.</summary>
/// <param name="Role">The role.</param>
/// <param name="ElectionId">The election the role is for.</param>
/// <param name="BureauId">The bureau, for reception operators, counting typists and presidents; null otherwise.</param>
public sealed record StaffAssignment(StaffRole Role, string ElectionId, string? BureauId);

/// <summary>
/// The rules of staff roles (FR011, SEC014, SEC016): which roles need a bureau, which combinations
/// one person may not hold (segregation of duties), and what each role permits. Pure.
/// </summary>
public static class StaffRules
{
    private static readonly CodeTable<StaffRole> Table = new(new Dictionary<StaffRole, string>
    {
        [StaffRole.ReceptionOperator] = "reception-operator",
        [StaffRole.CountingTypist] = "counting-typist",
        [StaffRole.President] = "president",
        [StaffRole.Organiser] = "organiser",
        [StaffRole.Auditor] = "auditor",
        [StaffRole.Operator] = "operator",
    });

    /// <summary>Every role.</summary>
    public static IReadOnlyList<StaffRole> All => Table.All;

    /// <summary>The stable code of a role.</summary>
    public static string Code(this StaffRole role) => Table.Code(role);

    /// <summary>The role of a code, or null.</summary>
    public static StaffRole? FromCode(string? code) => Table.FromCode(code);

    /// <summary>Whether the role is held at one bureau.</summary>
    public static bool AtABureau(this StaffRole role) => role is StaffRole.ReceptionOperator or StaffRole.CountingTypist or StaffRole.President;

    /// <summary>
    /// Why a person holding <paramref name="held"/> may not also get <paramref name="wanted"/>, or
    /// null when the assignment is allowed. Reasons are sentences for the organiser.
    /// </summary>
    public static string? Refusal(IReadOnlyCollection<StaffAssignment> held, StaffAssignment wanted)
    {
        if (wanted.Role.AtABureau() != wanted.BureauId is not null)
        {
            return wanted.Role.AtABureau()
                ? $"the role {wanted.Role.Code()} is held at one bureau: name it"
                : $"the role {wanted.Role.Code()} is not held at a bureau: name none";
        }

        if (held.Contains(wanted))
        {
            return null; // already held: assigning again changes nothing
        }

        foreach (var h in held.Where(h => h.ElectionId == wanted.ElectionId))
        {
            // SEC016: the president decides between the typists' entries and locks the figures, so
            // cannot be one of the typists of the same bureau.
            if (h.BureauId is not null && h.BureauId == wanted.BureauId && IsPair(h.Role, wanted.Role, StaffRole.President, StaffRole.CountingTypist))
            {
                return $"a president of bureau {wanted.BureauId} cannot also be one of its counting typists (segregation of duties)";
            }

            // The organiser configures the election and must not count it.
            if (IsOneOf(h.Role, wanted.Role, StaffRole.Organiser) && (Counts(h.Role) || Counts(wanted.Role)))
            {
                return $"the organiser of election {wanted.ElectionId} cannot count it: no counting typist or president role (segregation of duties)";
            }

            // The auditor checks what the others did: read-only, and no part in it.
            if (IsOneOf(h.Role, wanted.Role, StaffRole.Auditor) && h.Role != wanted.Role)
            {
                return $"an auditor of election {wanted.ElectionId} holds no other role in it (segregation of duties)";
            }
        }

        return null;
    }

    /// <summary>
    /// Whether the roles allow <paramref name="permission"/> in an election, at
    /// <paramref name="bureauId"/> (null: election-wide). A bureau role acts at its own bureau only.
    /// </summary>
    public static bool Allows(IEnumerable<StaffAssignment> held, StaffPermission permission, string electionId, string? bureauId) =>
        held.Any(a => a.ElectionId == electionId && Permits(a.Role, permission) && (a.BureauId is null || a.BureauId == bureauId));

    /// <summary>What a role permits (at its bureau for the bureau roles).</summary>
    public static bool Permits(StaffRole role, StaffPermission permission) => (role, permission) switch
    {
        (StaffRole.ReceptionOperator, StaffPermission.Receive) => true,
        (StaffRole.President, StaffPermission.Receive or StaffPermission.Preside) => true,
        (StaffRole.CountingTypist, StaffPermission.Count) => true,
        (StaffRole.Organiser, StaffPermission.Organise) => true,
        (StaffRole.Auditor, StaffPermission.Audit) => true,
        (StaffRole.Operator, StaffPermission.Operate) => true,
        _ => false,
    };

    private static bool Counts(StaffRole role) => role is StaffRole.CountingTypist or StaffRole.President;

    private static bool IsPair(StaffRole a, StaffRole b, StaffRole x, StaffRole y) => (a == x && b == y) || (a == y && b == x);

    private static bool IsOneOf(StaffRole a, StaffRole b, StaffRole x) => a == x || b == x;
}
