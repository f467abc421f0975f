using HybridVote.Domain;

namespace HybridVote.Ballots;

/// <summary>Fixed text printed on ballots and labels, per language (TR006).</summary>
internal static class BallotText
{
    private static readonly Dictionary<string, Trilingual> Texts = new(StringComparer.Ordinal)
    {
        ["ballot"] = new("Bulletin de vote", "Stembiljet", "Stimmzettel"),
        ["sheet"] = new("Feuille {0} de {1}", "Blad {0} van {1}", "Blatt {0} von {1}"),
        ["head"] = new("Case de tête", "Lijststem", "Listenstimme"),
        ["substitutes"] = new("Suppléants", "Opvolgers", "Ersatzkandidaten"),
        ["kcode"] = new("Code K (recopiez-le ici, un caractère par case)", "K-code (schrijf hem hier over, één teken per vakje)", "K-Code (hier abschreiben, ein Zeichen pro Kästchen)"),
        ["how"] = new("Votez pour une seule liste : la case de tête ou un ou plusieurs candidats de cette liste.", "Stem voor één enkele lijst: de lijststem of een of meer kandidaten van die lijst.", "Wählen Sie nur eine Liste: die Listenstimme oder einen oder mehrere Kandidaten dieser Liste."),
        ["label"] = new("Étiquette pour l'enveloppe extérieure", "Etiket voor de buitenste omslag", "Etikett für den äußeren Umschlag"),
        ["to"] = new("Destinataire", "Bestemmeling", "Empfänger"),
        ["voter"] = new("Électeur", "Kiezer", "Wähler"),
        ["cut"] = new("Découpez le long des pointillés et collez l'étiquette sur l'enveloppe extérieure.", "Knip langs de stippellijn en kleef het etiket op de buitenste omslag.", "Schneiden Sie entlang der gestrichelten Linie und kleben Sie das Etikett auf den äußeren Umschlag."),
        ["envelope"] = new("Mettez le bulletin plié dans l'enveloppe intérieure (sans rien écrire dessus), puis celle-ci dans l'enveloppe extérieure. Ne mettez jamais le code K sur une enveloppe.", "Steek het gevouwen stembiljet in de binnenste omslag (schrijf er niets op), en die in de buitenste omslag. Zet de K-code nooit op een omslag.", "Stecken Sie den gefalteten Stimmzettel in den inneren Umschlag (nichts darauf schreiben), diesen in den äußeren Umschlag. Schreiben Sie den K-Code nie auf einen Umschlag."),
    };

    public static string Get(string id, Language language) => Texts[id].In(language);

    public static string Format(string id, Language language, params object[] args) =>
        Texts[id].Format(language, args);
}
