using System.Xml;
using System.Xml.Schema;

namespace HybridVote.Eml;

/// <summary>A numbered finding about an EML file, with where it is (see docs/eml-profile.md).</summary>
public sealed record EmlIssue(string Code, int Line, int Position, string Element, string Message)
{
    /// <summary>Errors start with E, warnings with W.</summary>
    public bool IsError => Code.StartsWith('E');

    /// <inheritdoc />
    public override string ToString() => $"{Code} line {Line}, position {Position}, element {Element}: {Message}";
}

/// <summary>A file that failed validation; nothing from it was written.</summary>
public sealed class EmlValidationException(string message, EmlIssue issue) : Exception(message)
{
    /// <summary>The error.</summary>
    public EmlIssue Issue { get; } = issue;

    /// <summary>The exception for <paramref name="issue"/>, its message the issue as printed.</summary>
    public static EmlValidationException Of(EmlIssue issue) => new(issue.ToString(), issue);
}

/// <summary>
/// Validation while reading (streaming): E101 is a schema violation of the EML core or the
/// Belgian profile (or a document that is not EML at all) and stops the read at once; W001 is an
/// element of another profile's namespace inside the EML core (e.g. a Dutch EML_NL <c>kr:</c>
/// extension), ignored with a warning.
/// </summary>
public sealed partial class EmlValidation(string message)
{
    private readonly List<EmlIssue> warnings = [];

    /// <summary>True when the reader, not the schema validator, checks the message's identity constraints (330 voter lists).</summary>
    public bool ReaderChecksIdentityConstraints => message == "330";

    /// <summary>Reports a schema violation the reader found itself (E101).</summary>
    public static EmlValidationException Violation(int line, int position, string element, string message) =>
        EmlValidationException.Of(new EmlIssue("E101", line, position, element, message));

    /// <summary>Records (VoterDetails) accepted by a shape the schema validator had accepted before (see StreamValidator).</summary>
    public long RecordsByShape { get; internal set; }

    /// <summary>Warnings found so far.</summary>
    public IReadOnlyList<EmlIssue> Warnings => warnings;

    /// <summary>The compiled schemas of the message.</summary>
    internal XmlSchemaSet Schemas => EmlSchemas.For(message);

    /// <summary>Validation flags: warnings reported; identity constraints left to the reader where it checks them.</summary>
    internal XmlSchemaValidationFlags Flags => XmlSchemaValidationFlags.ReportValidationWarnings | XmlSchemaValidationFlags.AllowXmlAttributes
        | (ReaderChecksIdentityConstraints ? XmlSchemaValidationFlags.None : XmlSchemaValidationFlags.ProcessIdentityConstraints);

    /// <summary>Reader settings that validate against the schemas of <paramref name="message"/> while reading.</summary>
    public XmlReaderSettings Settings(XmlReaderSettings safe)
    {
        var settings = safe.Clone();
        settings.ValidationType = ValidationType.Schema;
        settings.Schemas = Schemas;
        // The 330 schema's only identity constraint (xs:unique DisplayOrder over .//*) makes the
        // validator match an XPath on every element of a multi-GB file (~30 % of the parse); the
        // voter reader checks the same uniqueness itself (EmlReader.ReadVoters).
        settings.ValidationFlags = (settings.ValidationFlags & ~XmlSchemaValidationFlags.ProcessIdentityConstraints) | Flags;
        settings.ValidationEventHandler += (sender, e) =>
        {
            var reader = sender as XmlReader;
            Report(e, reader?.Prefix ?? string.Empty, reader?.LocalName ?? "?", reader?.NamespaceURI ?? string.Empty, reader?.Depth ?? 0);
        };
        return settings;
    }

    /// <summary>
    /// Turns a schema finding about the node <paramref name="prefix"/>:<paramref name="localName"/>
    /// (at <paramref name="depth"/>, 0 for the root) into W001 (another profile's extension, ignored)
    /// or throws E101.
    /// </summary>
    internal void Report(ValidationEventArgs e, string prefix, string localName, string ns, int depth)
    {
        string element = $"{prefix}{(prefix.Length > 0 ? ":" : string.Empty)}{localName}";
        int line = e.Exception?.LineNumber ?? 0, position = e.Exception?.LinePosition ?? 0;
        // Another profile's extension is tolerated inside the EML core, never as the document itself.
        bool root = depth == 0;
        if (!root && ns.Length > 0 && !EmlSchemas.KnownNamespaces.Contains(ns))
        {
            warnings.Add(new EmlIssue("W001", line, position, element, $"extension of another profile ({ns}) ignored"));
            return;
        }

        if (!root && e.Severity == XmlSeverityType.Warning && e.Message.Contains("Could not find schema information", StringComparison.Ordinal))
        {
            warnings.Add(new EmlIssue("W001", line, position, element, WithoutValues(e.Message)));
            return;
        }

        throw Violation(line, position, element, WithoutValues(e.Message));
    }

    /// <summary>
    /// A schema validator's message without the values it quotes from the file ("The value 'Dupont
    /// Élodie …' is invalid"): a voter file's values are names, addresses and national numbers, and
    /// messages reach terminals and logs (ARCHITECTURE §3). The line, position, element and the
    /// broken rule remain, which is what an operator needs to find the value.
    /// </summary>
    internal static string WithoutValues(string message) => QuotedValue().Replace(message, "$1 (withheld) ");

    [System.Text.RegularExpressions.GeneratedRegex(@"(?i)(\bvalue) '.*?' (?=is |was |does |for )")]
    private static partial System.Text.RegularExpressions.Regex QuotedValue();
}
