namespace HybridVote.Domain.Tests;

public sealed class ReceiptRulesTests
{
    private static readonly DateTimeOffset Scan = new(2026, 5, 20, 9, 0, 0, TimeSpan.Zero);
    private static readonly ReceiptFacts Receipt = new("BW-001", "E1", "BW", Scan, Scan.AddDays(5));
    private static readonly EnvelopeFacts Printed = new("E1", "BW", EnvelopeState.Initial);

    [Fact]
    public void Decide_NoEnvelopeWithTheToken_IsRejectedAsUnknown() =>
        Assert.Equal(new ReceiptOutcome.Rejected(RejectReason.UnknownLabelToken), ReceiptRules.Decide(Receipt, null));

    [Fact]
    public void Decide_EnvelopeOfAnotherElection_IsRejectedAsWrongElection() =>
        Assert.Equal(new ReceiptOutcome.Rejected(RejectReason.WrongElection), ReceiptRules.Decide(Receipt, Printed with { ElectionId = "E2" }));

    [Fact]
    public void Decide_EnvelopeOfAnotherConstituency_IsRejectedAsWrongBureau() =>
        Assert.Equal(new ReceiptOutcome.Rejected(RejectReason.WrongBureau), ReceiptRules.Decide(Receipt, Printed with { ContestId = "VB" }));

    [Fact]
    public void Decide_ScannedAfterTheInPersonClose_IsRejectedAsLate() =>
        Assert.Equal(new ReceiptOutcome.Rejected(RejectReason.AfterDeadline), ReceiptRules.Decide(Receipt with { Deadline = Scan.AddSeconds(-1) }, Printed));

    [Fact]
    public void Decide_FirstEnvelope_IsAcceptedWithItsBureauAndTime()
    {
        var outcome = Assert.IsType<ReceiptOutcome.Accepted>(ReceiptRules.Decide(Receipt, Printed));
        Assert.Equal((EnvelopeStatus.Accepted, Scan, "BW-001"), (outcome.Next.Status, outcome.Next.ReceivedAt, outcome.Next.BureauId));
        Assert.Equal("accepted", outcome.Code);
    }

    [Fact]
    public void Decide_ConfirmedSecondEnvelope_IsADuplicateAndTheFirstStillCounts()
    {
        var first = ReceiptRules.Decide(Receipt, Printed).NextState!;
        var second = Assert.IsType<ReceiptOutcome.Duplicate>(ReceiptRules.Decide(Receipt with { BureauId = "BW-002", SecondEnvelope = true }, Printed with { State = first }));
        Assert.Equal(("BW-001", 1), (second.Next.BureauId, second.Next.Duplicates));
        Assert.Equal(ScanVerdict.SecondEnvelope, ScanVerdicts.Of(second));
    }

    [Fact]
    public void Decide_SameEnvelopeScannedAgain_IsARescanThatChangesNothing()
    {
        var first = ReceiptRules.Decide(Receipt, Printed).NextState!;
        var again = Assert.IsType<ReceiptOutcome.Rescan>(ReceiptRules.Decide(Receipt with { ScannedAt = Scan.AddMinutes(3) }, Printed with { State = first }));
        Assert.Null(again.NextState);
        Assert.Equal((0, Scan), (again.Current.Duplicates, again.Current.ReceivedAt));
        Assert.Equal(ScanVerdict.AlreadyReceived, ScanVerdicts.Of(again));
    }

    [Fact]
    public void Verdicts_OfEveryOutcome_AndTheirStoredCodes_Agree()
    {
        var received = ReceiptRules.Decide(Receipt, Printed).NextState!;
        List<ReceiptOutcome> outcomes =
        [
            ReceiptRules.Decide(Receipt, Printed),
            ReceiptRules.Decide(Receipt, Printed with { State = EnvelopeRules.ApplyInPersonVote(EnvelopeState.Initial) }),
            ReceiptRules.Decide(Receipt, Printed with { State = received }),
            ReceiptRules.Decide(Receipt with { SecondEnvelope = true }, Printed with { State = received }),
            .. RejectReasons.All.Select(r => (ReceiptOutcome)new ReceiptOutcome.Rejected(r)),
        ];
        foreach (var outcome in outcomes)
        {
            var reason = outcome is ReceiptOutcome.Rejected r ? r.Reason.Code() : null;
            Assert.Equal(ScanVerdicts.Of(outcome), ScanVerdicts.OfStored(outcome.Code, reason));
        }

        // Every verdict is reachable, and each code reads back.
        Assert.Equal(ScanVerdicts.All.ToHashSet(), outcomes.Select(ScanVerdicts.Of).ToHashSet());
        Assert.All(ScanVerdicts.All, v => Assert.Equal(v, ScanVerdicts.FromCode(v.Code())));
    }

    [Fact]
    public void Decide_VoterWhoVotedInPerson_IsCancelled() =>
        Assert.IsType<ReceiptOutcome.Cancelled>(ReceiptRules.Decide(Receipt, Printed with { State = EnvelopeRules.ApplyInPersonVote(EnvelopeState.Initial) }));

    [Fact]
    public void Decide_Rejected_ChangesNoEnvelope() =>
        Assert.Null(ReceiptRules.Decide(Receipt, null).NextState);

    [Fact]
    public void RejectReasonCodes_AreDistinctAndReadBack()
    {
        Assert.Equal(RejectReasons.All.Count, RejectReasons.All.Select(r => r.Code()).Distinct().Count());
        Assert.All(RejectReasons.All, r => Assert.Equal(r, RejectReasons.FromCode(r.Code())));
        Assert.Null(RejectReasons.FromCode("unknown label token"));
    }

    [Fact]
    public void ClassificationCodes_AreDistinctAndReadBack()
    {
        Assert.Equal(BallotClassifications.All.Count, BallotClassifications.All.Select(c => c.Code()).Distinct().Count());
        Assert.All(BallotClassifications.All, c => Assert.Equal(c, BallotClassifications.FromCode(c.Code())));
        Assert.Null(BallotClassifications.FromCode("Valid"));
    }

    [Theory]
    [InlineData("fr+nl", Language.De, "Fr,Nl")]
    [InlineData("nl|fr", Language.Fr, "Fr")]
    [InlineData("nl|fr", Language.De, "Nl")]
    [InlineData("de", Language.Fr, "De")]
    public void BallotLanguages_BrusselsBothFacilitiesTheVoters(string contest, Language voter, string expected) =>
        Assert.Equal(expected, string.Join(',', BallotLanguages.For(contest, voter)));
}
