using System.Xml;

namespace HybridVote.Eml;

/// <summary>Reader settings for untrusted files: no DTD (XXE, entity expansion), no resolver, bounded size.</summary>
internal static class SafeXml
{
    /// <summary>Opens a streaming reader over <paramref name="stream"/>, validating while reading when asked.</summary>
    public static XmlReader Open(Stream stream, EmlValidation? validation = null) => XmlReader.Create(stream, validation is null ? Settings : validation.Settings(Settings));

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 0,
        MaxCharactersInDocument = 8L * 1024 * 1024 * 1024,
        IgnoreComments = true,
        IgnoreWhitespace = true,
        CloseInput = false,
    };
}
