using System.Xml;
using System.Xml.Schema;

namespace HybridVote.Eml;

/// <summary>
/// Validates a file against the EML schemas node by node while it is read (the push API of
/// <see cref="XmlSchemaValidator"/>, fed by a plain <see cref="XmlReader"/>), for files of millions of
/// records (TR002, NFR006).
/// <para>
/// A record (<see cref="XmlRecord"/>) is validated whole. The first record of each shape (the same
/// elements, attributes and text nodes in the same order, at the same place in the document) goes
/// through the schema validator node by node. When the validator accepts it without any finding, the
/// shape is remembered with the schema's simple type of each of its values. A later record of a
/// remembered shape is then checked value by value with those same schema types (facets:
/// enumerations, lengths, patterns) and skipped over in the validator, which goes on in the parent's
/// content model. Any record that differs, or a value its type refuses, is validated node by node,
/// so every message and position is the schema validator's own. The content model of a shape does
/// not depend on the values; shapes whose validity could (xsi attributes, namespace declarations,
/// ID/IDREF, QName and NOTATION values, fixed values) are never remembered.
/// </para>
/// </summary>
internal sealed class StreamValidator : IXmlLineInfo
{
    private const int MaxShapes = 64;

    private readonly XmlSchemaValidator validator;
    private readonly EmlValidation validation;
    private readonly XmlReader reader;
    private readonly XmlSchemaInfo elementInfo = new();
    private readonly List<Shape> shapes = [];
    private readonly Stack<string> open = new();
    private readonly RecordResolver resolver;
    private int line, position, depth;
    private string prefix = string.Empty, localName = string.Empty, ns = string.Empty;

    public StreamValidator(XmlReader reader, EmlValidation validation)
    {
        this.reader = reader;
        this.validation = validation;
        resolver = new RecordResolver(reader);
        validator = new XmlSchemaValidator(reader.NameTable, validation.Schemas, resolver, validation.Flags) { LineInfoProvider = this };
        validator.ValidationEventHandler += (_, e) => validation.Report(e, prefix, localName, ns, depth);
        validator.Initialize();
    }

    int IXmlLineInfo.LineNumber => line;

    int IXmlLineInfo.LinePosition => position;

    bool IXmlLineInfo.HasLineInfo() => true;

    /// <summary>Validates the node the reader is on (outside records).</summary>
    public void Node()
    {
        var at = (IXmlLineInfo)reader;
        At(reader.Prefix, reader.LocalName, reader.NamespaceURI, reader.Depth, at.LineNumber, at.LinePosition);
        switch (reader.NodeType)
        {
            case XmlNodeType.Element:
                string? xsiType = reader.GetAttribute("type", XmlSchema.InstanceNamespace), xsiNil = reader.GetAttribute("nil", XmlSchema.InstanceNamespace),
                    location = reader.GetAttribute("schemaLocation", XmlSchema.InstanceNamespace), noNsLocation = reader.GetAttribute("noNamespaceSchemaLocation", XmlSchema.InstanceNamespace);
                validator.ValidateElement(reader.LocalName, reader.NamespaceURI, elementInfo, xsiType, xsiNil, location, noNsLocation);
                if (reader.MoveToFirstAttribute())
                {
                    do
                    {
                        if (!IsNamespaceDeclaration(reader.NamespaceURI))
                        {
                            At(reader.Prefix, reader.LocalName, reader.NamespaceURI, reader.Depth, at.LineNumber, at.LinePosition);
                            validator.ValidateAttribute(reader.LocalName, reader.NamespaceURI, reader.Value, null);
                        }
                    }
                    while (reader.MoveToNextAttribute());
                    reader.MoveToElement();
                    At(reader.Prefix, reader.LocalName, reader.NamespaceURI, reader.Depth, at.LineNumber, at.LinePosition);
                }

                validator.ValidateEndOfAttributes(null);
                if (reader.IsEmptyElement)
                {
                    validator.ValidateEndElement(null);
                }
                else
                {
                    open.Push(reader.LocalName);
                }

                break;
            case XmlNodeType.EndElement:
                validator.ValidateEndElement(null);
                open.TryPop(out _);
                break;
            case XmlNodeType.Text or XmlNodeType.CDATA:
                validator.ValidateText(reader.Value);
                break;
            case XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                validator.ValidateWhitespace(reader.Value);
                break;
        }
    }

    /// <summary>Validates a record read whole (see the class summary).</summary>
    public void Record(XmlRecord record)
    {
        string parent = open.TryPeek(out var p) ? p : string.Empty;
        foreach (var shape in shapes)
        {
            if (shape.Matches(record, parent) && shape.ValuesValid(record, reader.NameTable))
            {
                var root = record.Nodes[0];
                At(root.Prefix, root.LocalName, root.Namespace, record.BaseDepth, root.Line, root.Position);
                validator.ValidateElement(root.LocalName, root.Namespace, null);
                foreach (ref readonly var a in record.AttributesOf(root))
                {
                    validator.ValidateAttribute(a.LocalName, a.Namespace, a.Value, null);
                }

                validator.ValidateEndOfAttributes(null);
                if (root.Empty)
                {
                    validator.ValidateEndElement(null);
                }
                else
                {
                    validator.SkipToEndElement(null);
                }

                validation.RecordsByShape++;
                return;
            }
        }

        Replay(record, parent);
    }

    /// <summary>Ends validation (missing required content at the end of the document is reported).</summary>
    public void End() => validator.EndValidation();

    // Every node of the record through the validator; the shape is remembered when nothing was found.
    private void Replay(XmlRecord record, string parent)
    {
        int warnings = validation.Warnings.Count;
        var nodes = record.Nodes;
        var types = new XmlSchemaDatatype?[nodes.Length];
        var attributeTypes = new List<XmlSchemaDatatype?>();
        var elements = new Stack<int>();
        bool rememberable = true;
        resolver.Enter();
        for (int i = 0; i < nodes.Length; i++)
        {
            ref readonly var node = ref nodes[i];
            At(node.Prefix, node.LocalName, node.Namespace, record.BaseDepth + node.Depth, node.Line, node.Position);
            switch (node.Type)
            {
                case XmlNodeType.Element:
                    resolver.Push();
                    string? xsiType = null, xsiNil = null, location = null, noNsLocation = null;
                    foreach (ref readonly var a in record.AttributesOf(node))
                    {
                        if (IsNamespaceDeclaration(a.Namespace))
                        {
                            resolver.Declare(a.Prefix.Length == 0 ? string.Empty : a.LocalName, a.Value);
                            rememberable = false;
                        }
                        else if (a.Namespace == XmlSchema.InstanceNamespace)
                        {
                            rememberable = false;
                            switch (a.LocalName)
                            {
                                case "type": xsiType = a.Value; break;
                                case "nil": xsiNil = a.Value; break;
                                case "schemaLocation": location = a.Value; break;
                                case "noNamespaceSchemaLocation": noNsLocation = a.Value; break;
                            }
                        }
                    }

                    validator.ValidateElement(node.LocalName, node.Namespace, elementInfo, xsiType, xsiNil, location, noNsLocation);
                    rememberable &= elementInfo.SchemaElement?.FixedValue is null;
                    foreach (ref readonly var a in record.AttributesOf(node))
                    {
                        if (!IsNamespaceDeclaration(a.Namespace))
                        {
                            At(a.Prefix, a.LocalName, a.Namespace, record.BaseDepth + node.Depth + 1, a.Line, a.Position);
                            var attributeInfo = new XmlSchemaInfo();
                            validator.ValidateAttribute(a.LocalName, a.Namespace, a.Value, attributeInfo);
                            rememberable &= attributeInfo.SchemaAttribute?.FixedValue is null && Checkable(attributeInfo.SchemaType?.Datatype);
                            attributeTypes.Add(attributeInfo.SchemaType?.Datatype);
                        }
                        else
                        {
                            attributeTypes.Add(null);
                        }
                    }

                    At(node.Prefix, node.LocalName, node.Namespace, record.BaseDepth + node.Depth, node.Line, node.Position);
                    validator.ValidateEndOfAttributes(null);
                    if (node.Empty)
                    {
                        validator.ValidateEndElement(null);
                        resolver.Pop();
                    }
                    else
                    {
                        elements.Push(i);
                    }

                    break;
                case XmlNodeType.EndElement:
                    var endInfo = new XmlSchemaInfo();
                    validator.ValidateEndElement(endInfo);
                    resolver.Pop();
                    int start = elements.Pop();
                    var type = endInfo.SchemaType switch
                    {
                        XmlSchemaSimpleType simple => simple.Datatype,
                        XmlSchemaComplexType { ContentType: XmlSchemaContentType.TextOnly } complex => complex.Datatype,
                        _ => null,
                    };
                    rememberable &= Checkable(type);
                    int texts = 0;
                    for (int t = start + 1; t < i; t++)
                    {
                        if (nodes[t].Depth == node.Depth + 1 && nodes[t].Type is not XmlNodeType.Element and not XmlNodeType.EndElement)
                        {
                            types[t] = type;
                            texts++;
                        }
                    }

                    // A value split over several text nodes is checked whole by the validator, never piece by piece.
                    rememberable &= texts <= 1;

                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA:
                    validator.ValidateText(node.Value);
                    break;
                default:
                    validator.ValidateWhitespace(node.Value);
                    break;
            }
        }

        resolver.Leave();
        if (rememberable && validation.Warnings.Count == warnings && shapes.Count < MaxShapes)
        {
            shapes.Add(new Shape(record, parent, types, [.. attributeTypes]));
        }
    }

    private static bool Checkable(XmlSchemaDatatype? type) => type is null || (type.TokenizedType is XmlTokenizedType.CDATA or XmlTokenizedType.NMTOKEN
        or XmlTokenizedType.NMTOKENS or XmlTokenizedType.None) && type.TypeCode is not XmlTypeCode.QName and not XmlTypeCode.Notation;

    private static bool IsNamespaceDeclaration(string ns) => ns == "http://www.w3.org/2000/xmlns/";

    private void At(string prefix, string localName, string ns, int depth, int line, int position)
    {
        (this.prefix, this.localName, this.ns, this.depth, this.line, this.position) = (prefix, localName, ns, depth, line, position);
    }

    // A remembered record shape: names (atomized, compared by reference), structure and the schema
    // type of each value (null: the schema does not constrain it).
    private sealed class Shape
    {
        private readonly string parent;
        private readonly int depth;
        private readonly XmlRecord.Node[] nodes;
        private readonly XmlRecord.Attribute[][] attributes;
        private readonly XmlSchemaDatatype?[] textTypes;
        private readonly XmlSchemaDatatype?[] attributeTypes;

        public Shape(XmlRecord record, string parent, XmlSchemaDatatype?[] textTypes, XmlSchemaDatatype?[] attributeTypes)
        {
            this.parent = parent;
            depth = record.BaseDepth;
            nodes = record.Nodes.ToArray();
            attributes = [.. nodes.Select(n => record.AttributesOf(n).ToArray())];
            this.textTypes = textTypes;
            this.attributeTypes = attributeTypes;
        }

        public bool Matches(XmlRecord record, string parentName)
        {
            var other = record.Nodes;
            if (other.Length != nodes.Length || record.BaseDepth != depth || !ReferenceEquals(parentName, parent))
            {
                return false;
            }

            for (int i = 0; i < nodes.Length; i++)
            {
                ref readonly var a = ref nodes[i];
                ref readonly var b = ref other[i];
                if (a.Type != b.Type || a.Depth != b.Depth || a.Empty != b.Empty || !ReferenceEquals(a.LocalName, b.LocalName)
                    || !ReferenceEquals(a.Namespace, b.Namespace) || a.AttributeCount != b.AttributeCount)
                {
                    return false;
                }

                var names = attributes[i];
                var theirs = record.AttributesOf(b);
                for (int k = 0; k < names.Length; k++)
                {
                    if (!ReferenceEquals(names[k].LocalName, theirs[k].LocalName) || !ReferenceEquals(names[k].Namespace, theirs[k].Namespace))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        public bool ValuesValid(XmlRecord record, XmlNameTable names)
        {
            var other = record.Nodes;
            int attribute = 0;
            for (int i = 0; i < other.Length; i++)
            {
                if (textTypes[i] is { } type && !Valid(type, other[i].Value, names))
                {
                    return false;
                }

                foreach (ref readonly var a in record.AttributesOf(other[i]))
                {
                    if (attributeTypes[attribute++] is { } attributeType && !Valid(attributeType, a.Value, names))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        private static bool Valid(XmlSchemaDatatype type, string value, XmlNameTable names)
        {
            try
            {
                type.ParseValue(value, names, null);
                return true;
            }
            catch (Exception e) when (e is XmlSchemaException or FormatException or OverflowException or InvalidCastException)
            {
                // Not decided here: the record is validated node by node, which names the problem.
                return false;
            }
        }
    }

    // Namespace declarations inside a record, replayed after the reader has moved past it; the
    // reader's scope (where the record started) answers the rest.
    private sealed class RecordResolver(XmlReader reader) : IXmlNamespaceResolver
    {
        private readonly List<(int Level, string Prefix, string Namespace)> declared = [];
        private int level;
        private bool replaying;

        public void Enter() => (replaying, level) = (true, 0);

        public void Leave() => (replaying, level) = (false, 0);

        public void Push() => level++;

        public void Pop()
        {
            declared.RemoveAll(d => d.Level == level);
            level--;
        }

        public void Declare(string prefix, string ns) => declared.Add((level, prefix, ns));

        public IDictionary<string, string> GetNamespacesInScope(XmlNamespaceScope scope) => ((IXmlNamespaceResolver)reader).GetNamespacesInScope(scope);

        public string? LookupNamespace(string prefix)
        {
            if (replaying)
            {
                for (int i = declared.Count - 1; i >= 0; i--)
                {
                    if (declared[i].Prefix == prefix)
                    {
                        return declared[i].Namespace;
                    }
                }
            }

            return reader.LookupNamespace(prefix);
        }

        public string? LookupPrefix(string namespaceName) => ((IXmlNamespaceResolver)reader).LookupPrefix(namespaceName);
    }
}
