using HybridVote.Domain;

namespace HybridVote.Hosting;

/// <summary>Fixed text of the voter pages in French, Dutch and German (TR006, FR004: plain words).</summary>
public static class VoterText
{
    private static readonly Dictionary<string, Trilingual> Texts = new(StringComparer.Ordinal)
    {
        ["app"] = new("Vote hybride", "Hybride stemming", "Hybride Stimmabgabe"),
        ["welcome"] = new("Votez par courrier avec un bulletin que vous imprimez vous-même.", "Stem per post met een stembiljet dat u zelf afdrukt.", "Wählen Sie per Post mit einem Stimmzettel, den Sie selbst ausdrucken."),
        ["login"] = new("Se connecter avec eID ou itsme", "Aanmelden met eID of itsme", "Mit eID oder itsme anmelden"),
        ["logout"] = new("Se déconnecter", "Afmelden", "Abmelden"),
        ["hello"] = new("Bonjour", "Hallo", "Guten Tag"),
        ["not-eligible-title"] = new("Vous n'êtes pas inscrit pour le vote hybride", "U bent niet ingeschreven voor de hybride stemming", "Sie sind nicht für die hybride Stimmabgabe eingetragen"),
        ["not-eligible"] = new("Votre nom ne figure pas sur la liste des électeurs qui votent par ce moyen. Vous pouvez voter au bureau de vote indiqué sur votre convocation.", "Uw naam staat niet op de lijst van kiezers die op deze manier stemmen. U kunt stemmen in het stembureau dat op uw oproepingsbrief staat.", "Ihr Name steht nicht auf der Liste der Wähler, die auf diese Weise wählen. Sie können in dem Wahlbüro wählen, das auf Ihrer Wahlaufforderung steht."),
        ["your-elections"] = new("Vos élections", "Uw verkiezingen", "Ihre Wahlen"),
        ["print"] = new("Imprimer mes bulletins", "Mijn stembiljetten afdrukken", "Meine Stimmzettel drucken"),
        ["status"] = new("Voir ce qu'il est advenu de mon vote", "Bekijken wat er met mijn stem gebeurde", "Sehen, was mit meiner Stimme geschah"),
        ["kcode-title"] = new("Votre code K", "Uw K-code", "Ihr K-Code"),
        ["kcode-help"] = new("Recopiez ce code à la main dans les cases prévues sur le bulletin. Il ne sera plus affiché : notez-le aussi pour vérifier plus tard si votre bulletin a été compté.", "Schrijf deze code met de hand over in de vakjes op het stembiljet. Hij wordt niet meer getoond: noteer hem ook om later na te gaan of uw stembiljet geteld werd.", "Schreiben Sie diesen Code von Hand in die Kästchen auf dem Stimmzettel. Er wird nicht mehr angezeigt: notieren Sie ihn auch, um später zu prüfen, ob Ihr Stimmzettel gezählt wurde."),
        ["ballot-pdf"] = new("Bulletin de vote (PDF)", "Stembiljet (PDF)", "Stimmzettel (PDF)"),
        ["instructions-pdf"] = new("Comment voter valablement (PDF)", "Hoe geldig stemmen (PDF)", "Wie Sie gültig wählen (PDF)"),
        ["label-pdf"] = new("Étiquette de l'enveloppe (PDF)", "Etiket voor de omslag (PDF)", "Etikett für den Umschlag (PDF)"),
        ["envelope-steps"] = new("Pliez le bulletin, glissez-le dans l'enveloppe intérieure sans rien y écrire, puis dans l'enveloppe extérieure avec l'étiquette collée dessus.", "Vouw het stembiljet, steek het in de binnenste omslag zonder er iets op te schrijven, en dan in de buitenste omslag met het etiket erop.", "Falten Sie den Stimmzettel, stecken Sie ihn in den inneren Umschlag ohne etwas darauf zu schreiben, dann in den äußeren Umschlag mit dem Etikett."),
        ["issue-closed"] = new("L'impression des bulletins n'est pas ouverte en ce moment.", "Het afdrukken van stembiljetten is nu niet mogelijk.", "Das Drucken von Stimmzetteln ist derzeit nicht möglich."),
        ["envelope-title"] = new("Votre enveloppe", "Uw omslag", "Ihr Umschlag"),
        ["env-not-received"] = new("Pas encore reçue.", "Nog niet ontvangen.", "Noch nicht eingegangen."),
        ["env-received"] = new("Reçue le {0} par le bureau {1} et acceptée.", "Ontvangen op {0} door bureau {1} en aanvaard.", "Am {0} vom Büro {1} empfangen und angenommen."),
        ["env-cancelled"] = new("Annulée parce que vous avez voté en personne. Votre vote au bureau de vote compte.", "Geannuleerd omdat u ter plaatse gestemd hebt. Uw stem in het stembureau telt.", "Annulliert, weil Sie persönlich gewählt haben. Ihre Stimme im Wahlbüro zählt."),
        ["env-duplicate"] = new("Plus d'une enveloppe reçue ({0} en plus). Seule la première compte.", "Meer dan één omslag ontvangen ({0} extra). Alleen de eerste telt.", "Mehr als ein Umschlag eingegangen ({0} zusätzlich). Nur der erste zählt."),
        ["ballot-title"] = new("Votre bulletin", "Uw stembiljet", "Ihr Stimmzettel"),
        ["ballot-ask"] = new("Tapez le code K que vous avez recopié sur votre bulletin.", "Typ de K-code die u op uw stembiljet hebt overgeschreven.", "Geben Sie den K-Code ein, den Sie auf Ihren Stimmzettel geschrieben haben."),
        ["check"] = new("Vérifier", "Controleren", "Prüfen"),
        ["ballot-not-counted"] = new("Code valide. Aucun bulletin portant ce code n'a encore été compté.", "Geldige code. Er is nog geen stembiljet met deze code geteld.", "Gültiger Code. Noch kein Stimmzettel mit diesem Code wurde gezählt."),
        ["ballot-counted"] = new("Votre bulletin a été compté le {0}.", "Uw stembiljet werd geteld op {0}.", "Ihr Stimmzettel wurde am {0} gezählt."),
        ["ballot-copies"] = new("Plus d'un bulletin portait ce code ({0} au total). Seul le premier compte.", "Meer dan één stembiljet droeg deze code ({0} in totaal). Alleen het eerste telt.", "Mehr als ein Stimmzettel trug diesen Code ({0} insgesamt). Nur der erste zählt."),
        ["ballot-typo"] = new("Ce code contient une faute de frappe. Vérifiez chaque caractère.", "Deze code bevat een tikfout. Controleer elk teken.", "Dieser Code enthält einen Tippfehler. Prüfen Sie jedes Zeichen."),
        ["ballot-malformed"] = new("Un code K a 17 caractères, par exemple 7KQ2-9MXD-4HTR-8WAB-Q.", "Een K-code heeft 17 tekens, bijvoorbeeld 7KQ2-9MXD-4HTR-8WAB-Q.", "Ein K-Code hat 17 Zeichen, zum Beispiel 7KQ2-9MXD-4HTR-8WAB-Q."),
        ["ballot-forged"] = new("Ce code n'a pas été délivré pour cette élection.", "Deze code werd niet uitgereikt voor deze verkiezing.", "Dieser Code wurde nicht für diese Wahl ausgegeben."),
        ["too-many-checks"] = new("Vous avez vérifié trop de codes. Réessayez dans {0} minutes.", "U hebt te veel codes gecontroleerd. Probeer opnieuw over {0} minuten.", "Sie haben zu viele Codes geprüft. Versuchen Sie es in {0} Minuten erneut."),
        ["back"] = new("Retour", "Terug", "Zurück"),
        ["language"] = new("Langue", "Taal", "Sprache"),
    };

    /// <summary>The text <paramref name="id"/> in <paramref name="language"/>.</summary>
    public static string Get(string id, Language language) => Texts[id].In(language);

    /// <summary>The text <paramref name="id"/> with its placeholders filled.</summary>
    public static string Format(string id, Language language, params object[] args) =>
        Texts[id].Format(language, args);
}
