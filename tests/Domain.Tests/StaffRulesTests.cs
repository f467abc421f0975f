namespace HybridVote.Domain.Tests;

public sealed class StaffRulesTests
{
    private static readonly StaffAssignment Typist = new(StaffRole.CountingTypist, "E1", "BW-001");
    private static readonly StaffAssignment President = new(StaffRole.President, "E1", "BW-001");
    private static readonly StaffAssignment Organiser = new(StaffRole.Organiser, "E1", null);

    [Fact]
    public void President_CannotBeATypistOfTheSameBureau_EitherWayRound_ButOfAnotherBureauMay()
    {
        Assert.Contains("segregation", StaffRules.Refusal([Typist], President));
        Assert.Contains("segregation", StaffRules.Refusal([President], Typist));
        Assert.Null(StaffRules.Refusal([President], Typist with { BureauId = "BW-002" }));
        Assert.Null(StaffRules.Refusal([President], Typist with { ElectionId = "E2" }));
    }

    [Fact]
    public void Organiser_CannotCount_AuditorHoldsNothingElse()
    {
        Assert.Contains("cannot count", StaffRules.Refusal([Organiser], Typist));
        Assert.Contains("cannot count", StaffRules.Refusal([Organiser], President));
        Assert.Contains("cannot count", StaffRules.Refusal([President], Organiser));
        Assert.Null(StaffRules.Refusal([Organiser], new StaffAssignment(StaffRole.ReceptionOperator, "E1", "BW-001")));
        Assert.Contains("auditor", StaffRules.Refusal([new StaffAssignment(StaffRole.Auditor, "E1", null)], Organiser));
    }

    [Fact]
    public void BureauRoles_NameABureau_OthersNone()
    {
        Assert.NotNull(StaffRules.Refusal([], Typist with { BureauId = null }));
        Assert.NotNull(StaffRules.Refusal([], Organiser with { BureauId = "BW-001" }));
        Assert.All(StaffRules.All, r => Assert.Equal(r, StaffRules.FromCode(r.Code())));
    }

    [Fact]
    public void Permissions_HoldInTheirElectionAndAtTheirBureauOnly()
    {
        var reception = new StaffAssignment(StaffRole.ReceptionOperator, "E1", "BW-001");
        Assert.True(StaffRules.Allows([reception], StaffPermission.Receive, "E1", "BW-001"));
        Assert.False(StaffRules.Allows([reception], StaffPermission.Receive, "E1", "VB-001"));
        Assert.False(StaffRules.Allows([reception], StaffPermission.Receive, "E2", "BW-001"));
        Assert.False(StaffRules.Allows([reception], StaffPermission.Preside, "E1", "BW-001"));
        Assert.True(StaffRules.Allows([President], StaffPermission.Preside, "E1", "BW-001"));
        Assert.False(StaffRules.Allows([Organiser], StaffPermission.Count, "E1", "BW-001"));
        Assert.True(StaffRules.Allows([Organiser], StaffPermission.Organise, "E1", null));
        Assert.True(StaffRules.Allows([new StaffAssignment(StaffRole.Auditor, "E1", null)], StaffPermission.Audit, "E1", "BW-001"));

        // Only one role permits each permission, and none permits two of the bureau permissions it should not.
        foreach (var permission in Enum.GetValues<StaffPermission>())
        {
            Assert.Contains(StaffRules.All, r => StaffRules.Permits(r, permission));
        }

        Assert.DoesNotContain(StaffRules.All, r => StaffRules.Permits(r, StaffPermission.Count) && StaffRules.Permits(r, StaffPermission.Preside));
        Assert.DoesNotContain(StaffRules.All, r => StaffRules.Permits(r, StaffPermission.Organise) && (StaffRules.Permits(r, StaffPermission.Count) || StaffRules.Permits(r, StaffPermission.Preside)));
    }
}
