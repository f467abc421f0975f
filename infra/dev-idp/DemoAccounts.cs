using System.Text.Json;

namespace HybridVote.DevIdp;

/// <summary>A demo login with the claims CSAM/FAS would release.</summary>
public sealed record DemoAccount(string Login, string EgovNRN, string GivenName, string Surname, string PrefLanguage, bool VotedInPerson);

/// <summary>The demo accounts, loaded from the file <c>hv demo</c> writes.</summary>
public sealed class DemoAccounts(IReadOnlyList<DemoAccount> accounts)
{
    /// <summary>All accounts.</summary>
    public IReadOnlyList<DemoAccount> All => accounts;

    /// <summary>Loads the file; an empty list when it does not exist.</summary>
    public static DemoAccounts Load(string path) => new(File.Exists(path)
        ? JsonSerializer.Deserialize<List<DemoAccount>>(File.ReadAllText(path)) ?? []
        : []);

    /// <summary>The account with this login, or null.</summary>
    public DemoAccount? Find(string? login) => accounts.FirstOrDefault(a => string.Equals(a.Login, login, StringComparison.OrdinalIgnoreCase));
}
