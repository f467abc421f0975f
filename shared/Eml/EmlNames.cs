using System.Xml.Linq;

namespace HybridVote.Eml;

/// <summary>Namespaces of OASIS EML 5.0, xNL, and the project's Belgian profile extensions.</summary>
internal static class EmlNames
{
    /// <summary>OASIS EML 5.0.</summary>
    public static readonly XNamespace Eml = "urn:oasis:names:tc:evs:schema:eml";

    /// <summary>OASIS xNL (person names).</summary>
    public static readonly XNamespace Xnl = "urn:oasis:names:tc:ciq:xsdschema:xNL:2.0";

    /// <summary>The Belgian profile's extension elements (calendar, languages, bureaus, substitutes).</summary>
    public static readonly XNamespace Be = "urn:hybridvote:be:eml:1";
}
