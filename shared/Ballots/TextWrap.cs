namespace HybridVote.Ballots;

/// <summary>Word wrapping shared by the ballot, label and instruction layouts.</summary>
internal static class TextWrap
{
    /// <summary>
    /// The lines <paramref name="text"/> wraps into at <paramref name="width"/>. Long names wrap at
    /// spaces; a word wider than the line (a long compound surname) breaks after a hyphen, and
    /// only when it has none that fits is it cut at the width.
    /// </summary>
    public static List<string> Lines(string text, float width, float size, FontKind font, ITextMeasure measure)
    {
        var lines = new List<string>();
        string current = string.Empty;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = current.Length == 0 ? word : current + " " + word;
            if (measure.Width(candidate, font, size) <= width)
            {
                current = candidate;
                continue;
            }

            if (current.Length > 0)
            {
                lines.Add(current);
            }

            current = word;
            while (measure.Width(current, font, size) > width && current.Length > 1)
            {
                int fit = current.Length - 1;
                while (fit > 1 && measure.Width(current[..fit], font, size) > width)
                {
                    fit--;
                }

                int hyphen = current.LastIndexOf('-', fit - 1);
                fit = hyphen > 0 ? hyphen + 1 : fit;

                lines.Add(current[..fit]);
                current = current[fit..];
            }
        }

        lines.Add(current);
        return lines;
    }
}
