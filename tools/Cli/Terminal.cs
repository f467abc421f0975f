using System.Globalization;
using System.Text;

namespace HybridVote.Cli;

/// <summary>Text that came from outside (a scanner, a file) made safe to print on an operator's terminal.</summary>
public static class Terminal
{
    /// <summary>The text with every control or format character (escape sequences, bidi overrides) shown as \uXXXX.</summary>
    public static string Safe(string text)
    {
        var safe = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            var category = char.GetUnicodeCategory(c);
            if (char.IsControl(c) || category is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                safe.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                safe.Append(c);
            }
        }

        return safe.ToString();
    }
}
