using System.Globalization;
using HybridVote.Domain;
using HybridVote.Localization;
using HybridVote.ElectionResults;
using SkiaSharp;
using static HybridVote.Ballots.BallotGeometry;

namespace HybridVote.Ballots;

/// <summary>
/// The hybrid PV (REQUIREMENTS §6: "a hybrid PV per constituency"), per counting bureau or per
/// constituency, on the ballots' PDF stack: the election, constituency and bureau, the reception
/// figures, the ballots per class, the votes per list and per candidate (in Belgium, abroad and in
/// total for a constituency); for a bureau every check with how it stands, the president's
/// explanations and the lock's SHA-256, for a constituency each bureau summed with its R, V, lock
/// SHA-256 and the warnings its president explained; the SHA-256 of the EML 510 file that goes with it, and a signature block. In the
/// constituency's language(s): both, " / "-joined, in Brussels. Deterministic: the same count gives
/// the same bytes (no clock, no random identifier); every name and figure is in the text layer.
/// </summary>
public static class PvRenderer
{
    /// <summary>The constituency's PV (<paramref name="bureau"/> null) or one bureau's, as PDF bytes.</summary>
    public static byte[] Render(ConstituencyCount count, BureauCount? bureau, string emlSha256)
    {
        var languages = count.Header.Languages.Split('+', '|').Select(Languages.Parse).Distinct().ToList();
        string T(string id) => BallotText.Get(id, languages);
        string F(string id, params object[] args) => BallotText.Format(id, languages, args);
        using var output = new MemoryStream();
        using (var document = PdfCanvas.Create(output, $"{T("pv-title")} – {count.Header.ContestName}{(bureau is null ? string.Empty : " – " + bureau.Name)}"))
        {
            var page = new Flow(document, T("pv-page"));
            page.Text(T("pv-title"), FontKind.Bold, 16, 4);
            page.Text(count.Header.ElectionName, FontKind.Regular, 11);
            page.Text(F("pv-constituency", count.Header.ContestName, count.Header.ContestId), FontKind.Regular, 11);
            page.Text(bureau is null ? F("pv-bureaus", string.Join(", ", count.Bureaus.Select(b => b.Id))) : F("pv-bureau", bureau.Name, bureau.Id), FontKind.Regular, 11, 10);

            // Reception: what the bureau(s) received, accepted for counting and set aside (FR008).
            page.Text(T("pv-reception"), FontKind.Bold, 12, 2);
            var receptions = (bureau is null ? count.Bureaus : [bureau]).Where(b => b.Reception is not null).Select(b => b.Reception!).ToList();
            var reception = ReceptionDay.Total(receptions);
            page.Text(receptions.Count == 0 ? T("pv-reception-none") : F("pv-reception-line", N(reception.Received), N(reception.Accepted), N(reception.SetAside)), FontKind.Regular, 10, 10);

            // Columns: one figure for a bureau; in Belgium, abroad and in total for a constituency.
            TallySheet[] sheets = bureau is null ? [count.InBelgium, count.Abroad, count.Combined] : [bureau.Sheet];
            string[] heads = bureau is null ? [T("pv-in-belgium"), T("pv-abroad"), T("pv-total")] : [T("pv-figure")];
            page.Text(T("pv-ballots"), FontKind.Bold, 12, 2);
            page.Heads(heads);
            page.Row(T("pv-opened"), Values(sheets, TallyLayout.Opened), FontKind.Regular, 10);
            foreach (var c in BallotClassifications.All)
            {
                page.Row(T("pv-class-" + c.Code()), Values(sheets, TallyLayout.Class(c)), FontKind.Regular, 10);
            }

            page.Row(T("pv-valid-total"), Values(sheets, TallyLayout.Valid), FontKind.Bold, 10);
            page.Gap(10);

            page.Text(T("pv-lists"), FontKind.Bold, 12, 2);
            foreach (var list in count.Lists)
            {
                page.Keep(60);
                page.Text(F("pv-list", list.Number, list.Name), FontKind.Bold, 11);
                page.Heads(heads);
                page.Row(T("pv-list-total"), Values(sheets, TallyLayout.ListTotal(list.Number)), FontKind.Bold, 10);
                page.Row(T("pv-list-only"), Values(sheets, TallyLayout.ListOnly(list.Number)), FontKind.Regular, 10);
                page.Row(T("pv-with-preferences"), Values(sheets, TallyLayout.WithPreferences(list.Number)), FontKind.Regular, 10);
                page.Text(T("pv-effective"), FontKind.Bold, 9);
                for (int p = 1; p <= list.Effective.Count; p++)
                {
                    page.Row($"{p}. {list.Effective[p - 1]}", Values(sheets, TallyLayout.Candidate(list.Number, false, p)), FontKind.Regular, 9);
                }

                if (list.Substitutes.Count > 0)
                {
                    page.Text(T("pv-substitutes"), FontKind.Bold, 9);
                    for (int p = 1; p <= list.Substitutes.Count; p++)
                    {
                        page.Row($"{p}. {list.Substitutes[p - 1]}", Values(sheets, TallyLayout.Candidate(list.Number, true, p)), FontKind.Regular, 9);
                    }
                }

                page.Gap(8);
            }

            if (bureau is null)
            {
                // The constituency's PV lists each bureau summed with its figures R and V and its lock; each bureau's own PV has its checks.
                page.Keep(80);
                page.Text(T("pv-bureaus-summed"), FontKind.Bold, 12, 2);
                page.Heads([T("pv-opened"), T("pv-valid-total")]);
                foreach (var b in count.Bureaus)
                {
                    page.Row($"{b.Name} ({b.Id}){(b.Abroad ? " – " + T("pv-abroad") : string.Empty)}", [N(b.Sheet[TallyLayout.Opened]), N(b.Sheet[TallyLayout.Valid])], FontKind.Regular, 9);
                    page.Text($"v{b.Lock.Version} SHA-256 {b.Lock.Sha256}{(b.Explanations.Count == 0 ? string.Empty : " – " + string.Join(", ", b.Explanations.Keys))}", FontKind.Regular, 7, 2);
                }

                page.Gap(8);
            }
            else
            {
                page.Keep(80);
                page.Text(T("pv-checks"), FontKind.Bold, 12, 2);
                foreach (var line in CountReports.Checks(bureau, count.Layout))
                {
                    string standing = line.Standing switch
                    {
                        CheckStanding.Met => T("pv-check-met"),
                        CheckStanding.Explained => $"{T("pv-check-explained")} {line.Explanation}",
                        _ => T("pv-check-not-met"),
                    };
                    page.Text($"{line.Check.Code} {line.Check.Formula}: {standing}", line.Standing == CheckStanding.NotMet ? FontKind.Bold : FontKind.Regular, 8);
                }

                page.Text(F("pv-lock", BrusselsTime.DateTime(bureau.Lock.LockedAt), bureau.Lock.Version, bureau.Lock.LockedBy), FontKind.Regular, 9);
                page.Text(F("pv-lock-hash", bureau.Lock.Sha256), FontKind.Regular, 8, 8);
            }

            page.Text(F("pv-eml-hash", emlSha256), FontKind.Bold, 8, 16);
            page.Keep(160);
            page.Text(T(bureau is null ? "pv-sign-main" : "pv-sign-president"), FontKind.Regular, 10, 36);
            page.Rule(220);
            page.Text(T("pv-sign-members"), FontKind.Regular, 10, 36);
            page.Rule(220);
            page.Finish();
            document.Close();
        }

        return PdfLanguage.Set(output.ToArray(), languages[0].Code());
    }

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string[] Values(TallySheet[] sheets, string field) => [.. sheets.Select(s => N(s[field]))];

    // Text flowing down A4 pages: a new page when the next block does not fit, the page number at the foot.
    private sealed class Flow(SKDocument document, string pageLabel)
    {
        private const float LabelWidth = 300;
        private SKCanvas? canvas;
        private float y = PageHeight;
        private int pages;

        public void Text(string text, FontKind font, float size, float after = 0)
        {
            float height = Height(text, Printable.Width, font, size);
            Keep(height);
            y += PdfCanvas.Wrapped(canvas!, text, Margin, y, Printable.Width, font, size) + after;
        }

        // A label, then each value right-aligned in its column.
        public void Row(string label, IReadOnlyList<string> values, FontKind font, float size)
        {
            float cell = (Printable.Width - LabelWidth) / Math.Max(values.Count, 1);
            float height = Height(label, LabelWidth - 6, font, size);
            Keep(height + 4);
            PdfCanvas.Wrapped(canvas!, label, Margin, y, LabelWidth - 6, font, size);
            using var ink = PdfCanvas.Ink();
            using var type = PdfCanvas.Font(font, size);
            for (int i = 0; i < values.Count; i++)
            {
                canvas!.DrawText(values[i], Margin + LabelWidth + ((i + 1) * cell) - 4, y + size, SKTextAlign.Right, type, ink);
            }

            using var line = PdfCanvas.Line(0.3f);
            canvas!.DrawLine(Margin, y + height + 1.5f, Margin + Printable.Width, y + height + 1.5f, line);
            y += height + 4;
        }

        // Column headings, each wrapped within its column (a bilingual heading takes two lines).
        public void Heads(IReadOnlyList<string> heads)
        {
            const float size = 8;
            float cell = (Printable.Width - LabelWidth) / Math.Max(heads.Count, 1);
            float height = heads.Max(h => Height(h, cell - 6, FontKind.Bold, size));
            Keep(height + 4);
            for (int i = 0; i < heads.Count; i++)
            {
                PdfCanvas.Wrapped(canvas!, heads[i], Margin + LabelWidth + (i * cell) + 6, y, cell - 6, FontKind.Bold, size);
            }

            y += height + 4;
        }

        public void Gap(float height) => y += height;

        public void Rule(float width)
        {
            using var line = PdfCanvas.Line(0.8f);
            canvas!.DrawLine(Margin, y, Margin + width, y, line);
            y += 12;
        }

        // Starts a new page unless <height> still fits on this one.
        public void Keep(float height)
        {
            if (canvas is not null && y + height <= PageHeight - Margin - 20)
            {
                return;
            }

            Finish();
            canvas = document.BeginPage(PageWidth, PageHeight);
            pages++;
            y = Margin;
        }

        public void Finish()
        {
            if (canvas is null)
            {
                return;
            }

            using var ink = PdfCanvas.Ink();
            using var font = PdfCanvas.Font(FontKind.Regular, 8);
            canvas.DrawText(string.Format(CultureInfo.InvariantCulture, pageLabel, pages), PageWidth - Margin, PageHeight - Margin + 8, SKTextAlign.Right, font, ink);
            document.EndPage();
            canvas = null;
        }

        private static float Height(string text, float width, FontKind font, float size) =>
            text.Split('\n').Sum(part => TextWrap.Lines(part, width, size, font, SkiaTextMeasure.Instance).Count) * size * LineFactor;
    }
}
