using System.Xml;

namespace HybridVote.Eml;

/// <summary>
/// One repeated element of a large file (a VoterDetails) read whole into buffers that are reused
/// from one record to the next: its nodes in document order, each element with its attributes.
/// The record is small (tens of nodes); its size is bounded so a hostile file cannot grow it.
/// </summary>
internal sealed class XmlRecord
{
    /// <summary>Nodes in one record beyond which the file is refused (E100).</summary>
    public const int MaxNodes = 4096;

    /// <summary>A node: an element (with <see cref="Empty"/> when it has no end tag), text or an end tag.</summary>
    public struct Node
    {
        public XmlNodeType Type;
        public int Depth, Line, Position, FirstAttribute, AttributeCount;
        public bool Empty;
        public string Prefix, LocalName, Namespace, Value;
    }

    /// <summary>An attribute of an element node.</summary>
    public struct Attribute
    {
        public string Prefix, LocalName, Namespace, Value;
        public int Line, Position;
    }

    private Node[] nodes = new Node[64];
    private Attribute[] attributes = new Attribute[32];

    /// <summary>Number of nodes read.</summary>
    public int Count { get; private set; }

    /// <summary>Depth of the record's element in the document.</summary>
    public int BaseDepth { get; private set; }

    /// <summary>The nodes read (the first is the record's element).</summary>
    public ReadOnlySpan<Node> Nodes => nodes.AsSpan(0, Count);

    /// <summary>The attributes of <paramref name="node"/>.</summary>
    public ReadOnlySpan<Attribute> AttributesOf(in Node node) => attributes.AsSpan(node.FirstAttribute, node.AttributeCount);

    /// <summary>
    /// Reads the element the reader is on, up to and including its end tag. Nesting deeper than
    /// <paramref name="maxDepth"/> or more than <see cref="MaxNodes"/> nodes is refused (E100).
    /// </summary>
    public void Load(XmlReader reader, int maxDepth)
    {
        var lineInfo = (IXmlLineInfo)reader;
        int start = lineInfo.LineNumber, attributeCount = 0;
        BaseDepth = reader.Depth;
        Count = 0;
        while (true)
        {
            if (reader.Depth > maxDepth)
            {
                throw Refused(reader, $"elements nested deeper than {maxDepth} levels (in the element that starts on line {start})");
            }

            if (Count == MaxNodes)
            {
                throw Refused(reader, $"more than {MaxNodes} nodes in one {nodes[0].LocalName} (it starts on line {start})");
            }

            if (Count == nodes.Length)
            {
                Array.Resize(ref nodes, nodes.Length * 2);
            }

            ref var node = ref nodes[Count++];
            node = new Node
            {
                Type = reader.NodeType, Depth = reader.Depth - BaseDepth, Line = lineInfo.LineNumber, Position = lineInfo.LinePosition,
                Prefix = reader.Prefix, LocalName = reader.LocalName, Namespace = reader.NamespaceURI, Value = string.Empty, FirstAttribute = attributeCount,
            };
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    node.Empty = reader.IsEmptyElement;
                    if (reader.MoveToFirstAttribute())
                    {
                        do
                        {
                            if (attributeCount == attributes.Length)
                            {
                                Array.Resize(ref attributes, attributes.Length * 2);
                            }

                            attributes[attributeCount++] = new Attribute
                            {
                                Prefix = reader.Prefix, LocalName = reader.LocalName, Namespace = reader.NamespaceURI, Value = reader.Value,
                                Line = lineInfo.LineNumber, Position = lineInfo.LinePosition,
                            };
                        }
                        while (reader.MoveToNextAttribute());
                        reader.MoveToElement();
                    }

                    node.AttributeCount = attributeCount - node.FirstAttribute;
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    node.Value = reader.Value;
                    break;
                case XmlNodeType.EndElement:
                    break;
                default:
                    // Comments and processing instructions carry nothing the schema or the reader looks at.
                    Count--;
                    break;
            }

            if (Count == 1 && node.Empty || reader.NodeType == XmlNodeType.EndElement && reader.Depth == BaseDepth)
            {
                return;
            }

            if (!reader.Read())
            {
                throw new XmlException("unexpected end of file", null, lineInfo.LineNumber, lineInfo.LinePosition);
            }
        }
    }

    /// <summary>The text directly inside the element at <paramref name="index"/> (its text nodes joined).</summary>
    public string TextOf(int index)
    {
        var all = Nodes;
        int depth = all[index].Depth;
        if (all[index].Empty)
        {
            return string.Empty;
        }

        string? single = null;
        System.Text.StringBuilder? joined = null;
        for (int i = index + 1; i < all.Length && all[i].Depth > depth; i++)
        {
            if (all[i].Depth == depth + 1 && all[i].Type is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace)
            {
                if (single is null)
                {
                    single = all[i].Value;
                }
                else
                {
                    (joined ??= new System.Text.StringBuilder(single)).Append(all[i].Value);
                }
            }
        }

        return joined?.ToString() ?? single ?? string.Empty;
    }

    /// <summary>The value of the attribute <paramref name="localName"/> (no namespace) of the element at <paramref name="index"/>.</summary>
    public string? AttributeOf(int index, string localName)
    {
        foreach (ref readonly var a in AttributesOf(nodes[index]))
        {
            if (a.Namespace.Length == 0 && a.LocalName == localName)
            {
                return a.Value;
            }
        }

        return null;
    }

    /// <summary>E100 at the reader's position: a limit of safe parsing was passed.</summary>
    internal static EmlValidationException Refused(XmlReader reader, string message)
    {
        var at = (IXmlLineInfo)reader;
        return EmlValidationException.Of(new EmlIssue("E100", at.LineNumber, at.LinePosition, reader.LocalName, message));
    }
}
