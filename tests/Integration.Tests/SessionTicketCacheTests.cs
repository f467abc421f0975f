using HybridVote.Domain;
using HybridVote.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;

namespace HybridVote.Integration.Tests;

public sealed class SessionTicketCacheTests
{
    private static readonly IDataProtector Protector = new EphemeralDataProtectionProvider().CreateProtector("session-ticket-cache-test");

    [Fact]
    public void Unprotect_Twice_GivesEqualTicketsThatDoNotShareState()
    {
        using var cache = new SessionTicketCache(new TicketDataFormat(Protector), null);
        var ticket = new AuthenticationTicket(VoterSession.ToPrincipal([1, 2, 3], "Zoë", Language.Nl), FunctionHost.SessionScheme);
        string cookie = cache.Protect(ticket);

        var first = cache.Unprotect(cookie)!;
        first.Properties.Items["changed"] = "by the first request";
        var second = cache.Unprotect(cookie)!;

        Assert.NotSame(first, second);
        Assert.False(second.Properties.Items.ContainsKey("changed"));
        Assert.Equal("Zoë", second.Principal.FindFirst(VoterSession.GivenNameClaim)!.Value);
    }

    [Fact]
    public void Unprotect_TamperedOrForeignCookie_IsNull()
    {
        using var cache = new SessionTicketCache(new TicketDataFormat(Protector), null);
        string cookie = cache.Protect(new AuthenticationTicket(VoterSession.ToPrincipal(null, "A", Language.Fr), FunctionHost.SessionScheme));
        Assert.NotNull(cache.Unprotect(cookie));
        string tampered = cookie[..^3] + (cookie[^3] == 'A' ? 'B' : 'A') + cookie[^2..];
        Assert.Null(cache.Unprotect(tampered));
        Assert.Null(cache.Unprotect("not-a-cookie"));
        Assert.Null(cache.Unprotect(null));
    }
}
