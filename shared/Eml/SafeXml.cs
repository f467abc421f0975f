using System.Xml;

namespace HybridVote.Eml;

/// <summary>Reader settings for untrusted files: no DTD (XXE, entity expansion), no resolver, bounded size.</summary>
public static class SafeXml
{
    /// <summary>Opens a streaming reader over <paramref name="stream"/>.</summary>
    public static XmlReader Open(Stream stream) => XmlReader.Create(stream, new XmlReaderSettings
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 0,
        MaxCharactersInDocument = 8L * 1024 * 1024 * 1024,
        IgnoreComments = true,
        IgnoreWhitespace = true,
        CloseInput = false,
    });
}
