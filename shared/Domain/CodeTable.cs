namespace HybridVote.Domain;

/// <summary>
/// The stable codes of a closed set of values (reject reasons, classifications): each value has one
/// kebab-case code for storage, metrics and the CLI, and a code reads back to its value.
/// </summary>
internal sealed class CodeTable<T>(IReadOnlyDictionary<T, string> codes)
    where T : struct, Enum
{
    private readonly Dictionary<string, T> byCode = codes.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    /// <summary>Every value, in declaration order.</summary>
    public IReadOnlyList<T> All { get; } = Enum.GetValues<T>();

    /// <summary>The code of a value.</summary>
    public string Code(T value) => codes[value];

    /// <summary>The value of a code, or null when it is not one.</summary>
    public T? FromCode(string? code) => code is not null && byCode.TryGetValue(code, out var value) ? value : null;
}
