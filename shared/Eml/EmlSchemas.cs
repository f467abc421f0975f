using System.Collections.Concurrent;
using System.Xml;
using System.Xml.Schema;

namespace HybridVote.Eml;

/// <summary>
/// The OASIS EML 5.0 schemas (copied unmodified into <c>Schemas/oasis</c>) and the Belgian profile
/// schema, compiled once per message type (each EML message declares its own root element).
/// </summary>
internal static class EmlSchemas
{
    private static readonly ConcurrentDictionary<string, Lazy<XmlSchemaSet>> Sets = new(StringComparer.Ordinal);

    private static readonly Dictionary<string, string> Files = new(StringComparer.Ordinal)
    {
        ["110"] = "110-electionevent-v5-0.xsd",
        ["230"] = "230-candidatelist-v5-0.xsd",
        ["330"] = "330-electionlist-v5-0.xsd",
        ["510"] = "510-count-v5-0.xsd",
    };

    /// <summary>Namespaces validated strictly; anything else is another profile's extension.</summary>
    public static readonly IReadOnlySet<string> KnownNamespaces = new HashSet<string>(StringComparer.Ordinal)
    {
        EmlNames.Eml.NamespaceName, EmlNames.Xnl.NamespaceName, EmlNames.Be.NamespaceName, "urn:oasis:names:tc:ciq:xsdschema:xAL:2.0",
    };

    /// <summary>The compiled schemas of one message type ("110", "230" or "330").</summary>
    public static XmlSchemaSet For(string message) => Sets.GetOrAdd(message, m => new Lazy<XmlSchemaSet>(() => Compile(Files[m]))).Value;

    private static XmlSchemaSet Compile(string messageFile)
    {
        string dir = Path.Combine(AppContext.BaseDirectory, "Schemas");
        // The schema files are trusted local files; the xmldsig schema carries a DTD.
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse, XmlResolver = new XmlUrlResolver() };
        var set = new XmlSchemaSet { XmlResolver = new XmlUrlResolver() };
        foreach (var path in new[] { Path.Combine(dir, "oasis", messageFile), Path.Combine(dir, "hybridvote-be-v1.xsd") })
        {
            using var reader = XmlReader.Create(path, settings);
            set.Add(null, reader);
        }

        set.Compile();
        return set;
    }
}
