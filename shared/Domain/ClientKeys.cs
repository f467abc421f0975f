namespace HybridVote.Domain;

/// <summary>
/// The keys a bureau's client generates to make a request safe to retry (a scanner's idempotency
/// key, a counting client's entry id): 1 to 100 printable ASCII characters without spaces, so no
/// control character ever reaches the database or a terminal.
/// </summary>
public static class ClientKeys
{
    /// <summary>Longest key.</summary>
    public const int MaxLength = 100;

    /// <summary>Whether <paramref name="key"/> is a well-formed client key.</summary>
    public static bool IsValid([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? key) => !string.IsNullOrEmpty(key) && key.Length <= MaxLength && key.All(c => c is > ' ' and < (char)0x7F);
}
