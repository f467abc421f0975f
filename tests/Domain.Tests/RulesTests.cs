namespace HybridVote.Domain.Tests;

public sealed class RulesTests
{
    private static readonly DateTimeOffset T1 = new(2026, 5, 20, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset T2 = T1.AddHours(5);

    [Fact]
    public void ApplyReceipt_FirstEnvelope_IsAccepted_ARescanChangesNothing_AConfirmedSecondIsADuplicate()
    {
        var first = EnvelopeRules.ApplyReceipt(EnvelopeState.Initial, T1, "BW-001");
        Assert.Equal(first, EnvelopeRules.ApplyReceipt(first, T2, "BW-001"));
        var second = EnvelopeRules.ApplyReceipt(first, T2, "BW-002", secondEnvelope: true);
        Assert.Equal(EnvelopeStatus.Accepted, second.Status);
        Assert.Equal(T1, second.ReceivedAt);
        Assert.Equal("BW-001", second.BureauId);
        Assert.Equal(1, second.Duplicates);
    }

    [Fact]
    public void InPersonVote_BeforeOrAfterTheEnvelope_CancelsItWithTheSameFinalState()
    {
        var envelopeFirst = EnvelopeRules.ApplyInPersonVote(EnvelopeRules.ApplyReceipt(EnvelopeState.Initial, T1, "BW-001"));
        var inPersonFirst = EnvelopeRules.ApplyReceipt(EnvelopeRules.ApplyInPersonVote(EnvelopeState.Initial), T1, "BW-001");
        Assert.Equal(EnvelopeStatus.Cancelled, envelopeFirst.Status);
        Assert.Equal(envelopeFirst, inPersonFirst);
    }

    [Fact]
    public void InPersonVote_WithoutEnvelope_LeavesNothingToCancel()
    {
        var state = EnvelopeRules.ApplyInPersonVote(EnvelopeState.Initial);
        Assert.Equal(EnvelopeStatus.NotReceived, state.Status);
        Assert.True(state.VotedInPerson);
    }

    [Fact]
    public void Calendar_RegistrationOnlyOpensAtTheInPersonClose()
    {
        var calendar = new ElectionCalendar(T1, T2, T2.AddDays(1), T2.AddDays(30));
        Assert.True(calendar.IsInOrder);
        Assert.True(calendar.IssueOpen(T1));
        Assert.False(calendar.IssueOpen(T2));
        Assert.False(calendar.RegistrationOpen(T2.AddDays(1).AddSeconds(-1)));
        Assert.True(calendar.RegistrationOpen(T2.AddDays(1)));
        Assert.False(calendar.RegistrationOpen(T2.AddDays(30)));
        Assert.False(new ElectionCalendar(T2, T1, T2, T2).IsInOrder);
    }

    [Theory]
    [InlineData("85.07.27-001.53", true)]
    [InlineData("85072700153", true)]
    [InlineData("85072700154", false)]
    [InlineData("8507270015", false)]
    [InlineData(null, false)]
    public void NationalNumber_Mod97_IsChecked(string? input, bool valid) =>
        Assert.Equal(valid, NationalNumber.TryNormalize(input, out _));

    [Fact]
    public void NationalNumber_ComposedForBirthsFrom2000_IsValid()
    {
        Assert.True(NationalNumber.TryNormalize(NationalNumber.Compose(10203, 42, bornFrom2000: true), out _));
        Assert.True(NationalNumber.TryNormalize(NationalNumber.Compose(850727, 1, bornFrom2000: false), out _));
    }

    [Fact]
    public void Sealer_RoundTripsAndRefusesAnotherContext()
    {
        var keys = new SecretKeys(new byte[32], new byte[32], new byte[32], Enumerable.Range(0, 32).Select(i => (byte)i).ToArray(), new byte[32]);
        var sealer = new Sealer(keys);
        byte[] sealedName = sealer.Seal("Élodie Ćosić-D'Hondt", "name:1");
        Assert.Equal("Élodie Ćosić-D'Hondt", sealer.Open(sealedName, "name:1"));
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => sealer.Open(sealedName, "name:2"));
    }

    [Theory]
    [InlineData("nl-BE", Language.Nl)]
    [InlineData("DE", Language.De)]
    [InlineData("fr", Language.Fr)]
    [InlineData("en", Language.Fr)]
    [InlineData(null, Language.Fr)]
    public void Languages_Parse_ReadsTheTwoLetterPrefix(string? code, Language expected) =>
        Assert.Equal(expected, Languages.Parse(code));
}
