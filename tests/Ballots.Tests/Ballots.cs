using HybridVote.Domain;

namespace HybridVote.Ballots.Tests;

/// <summary>Builders of ballots for the tests: seeded random ones and the worst real cases.</summary>
internal static class Ballots
{
    private static readonly string[] Given = ["Élodie", "François", "Anaïs", "Jérôme", "Maëlle", "Zoë", "Jan", "Joëlle", "Saïda", "Ærøskøbing"];
    private static readonly string[] Surnames = ["Dupont", "Van den Bossche", "Lefèvre", "D'Hondt", "Müller-Özdemir", "Ćosić", "de Schaetzen van Brienen", "Vanderstraeten-Lagasse", "Łukasiewicz", "Nguyễn"];

    public static BallotView Random(int seed)
    {
        var random = new Random(seed);
        int lists = random.Next(1, 18);
        return View([.. Enumerable.Range(1, lists).Select(n => List(n, random.Next(1, 25), random.Next(0, 14), random))], [Language.Fr]);
    }

    public static BallotView View(IReadOnlyList<CandidateListDefinition> lists, IReadOnlyList<Language> languages) =>
        new("Chambre des représentants", "Bruxelles-Capitale", new DateOnly(2029, 6, 10), languages, lists);

    public static CandidateListDefinition List(int number, int effective, int substitutes, Random random) =>
        new("E", "C", number, $"Liste {number} {Surnames[random.Next(Surnames.Length)]}",
            [.. Enumerable.Range(0, effective).Select(_ => Name(random))], [.. Enumerable.Range(0, substitutes).Select(_ => Name(random))]);

    public static string Name(Random random)
    {
        string name = $"{Surnames[random.Next(Surnames.Length)]} {Given[random.Next(Given.Length)]}";
        return random.Next(6) == 0 ? $"{Surnames[random.Next(Surnames.Length)]}-{Surnames[random.Next(Surnames.Length)]} {name}" : name;
    }

    // Surnames and given names as long as they come on Belgian lists: particles, double-barrelled
    // names, diacritics. A quarter of the names drawn are 20 characters or longer, the longest 37.
    private static readonly string[] RealSurnames =
    [
        "Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens", "Wouters", "De Smet", "Dubois", "Lambert",
        "Dupont", "Martin", "Van den Bossche", "Vandenberghe", "Lefèvre", "D'Hondt", "Müller", "Özdemir", "El Kaddouri", "Van Hoorebeke",
        "de Schaetzen", "Verhaegen-Declercq", "Vanderstraeten", "Nguyễn", "Łukasiewicz", "Van de Velde-Gheysens", "Ćosić", "de Lamotte",
    ];

    private static readonly string[] RealGiven =
    [
        "Jan", "Marie", "Luc", "Anne", "Pieter", "Sofie", "Mohamed", "Fatima", "Élodie", "François", "Anaïs", "Jérôme", "Zoë", "Joëlle",
        "Marie-Christine", "Jean-François", "Anne-Sophie", "Pieter-Jan", "Saïda", "Maëlle", "Bart", "Karin", "Kristof", "Nathalie",
    ];

    /// <summary>A list of <paramref name="effective"/> + <paramref name="substitutes"/> candidates with names of real Belgian lengths.</summary>
    public static CandidateListDefinition RealList(int number, int effective, int substitutes, Random random)
    {
        string Name() => $"{RealSurnames[random.Next(RealSurnames.Length)]} {RealGiven[random.Next(RealGiven.Length)]}";
        return new("E", "C", number, $"{RealSurnames[random.Next(RealSurnames.Length)]} – Liste {number}",
            [.. Enumerable.Range(0, effective).Select(_ => Name())], [.. Enumerable.Range(0, substitutes).Select(_ => Name())]);
    }

    /// <summary>A ballot of 1–17 lists of 1–24 effective and 0–13 substitute candidates with names of real lengths.</summary>
    public static BallotView RealRandom(int seed)
    {
        var random = new Random(seed);
        int lists = random.Next(1, 18);
        return View([.. Enumerable.Range(1, lists).Select(n => RealList(n, random.Next(1, 25), random.Next(0, 14), random))], random.Next(3) == 0 ? [Language.Fr, Language.Nl] : [Language.Nl]);
    }

    /// <summary>17 lists × (16 effective + 9 substitutes), names of every shape.</summary>
    public static BallotView Chamber17Lists() => View([.. Enumerable.Range(1, 17).Select(n => List(n, 16, 9, new Random(n)))], [Language.Fr, Language.Nl]);
}
