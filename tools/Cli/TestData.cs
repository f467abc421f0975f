using System.Globalization;
using System.Security.Cryptography;
using HybridVote.Domain;
using HybridVote.Eml;

namespace HybridVote.Cli;

/// <summary>
/// <c>hv gen-testdata</c> (FR010): realistic, anonymised, signed national data from a seed — the
/// 11 Chamber constituencies with their 2024 seats, the Flemish, Walloon, Brussels and
/// German-speaking parliaments, the European colleges, about 2 % voters abroad (consular posts),
/// names with diacritics, apostrophes, hyphens and long compound surnames, full and partial lists
/// of up to 17 per constituency, and the in-person list. The same seed gives the same bytes.
/// Every person is invented; national numbers are well formed but assigned by a counter.
/// </summary>
public static class TestData
{
    /// <summary>The 2019 electorate (NFR006): the default size.</summary>
    public const int NationalVoters = 8_167_709;

    private const double AbroadShare = 0.02;
    private static readonly DateOnly Issued = new(2029, 3, 1);

    private enum Region { Flanders, Brussels, Wallonia }

    // Chamber constituencies: 2024 seats, approximate electorate (thousands), towns with postcodes.
    private sealed record Constituency(string Id, string Name, string Languages, int Seats, int Electorate, Region Region, string Nis, string[] Towns);

    private static readonly Constituency[] Chamber =
    [
        new("ANT", "Antwerpen", "nl", 24, 1372, Region.Flanders, "11", ["2000 Antwerpen", "2800 Mechelen", "2300 Turnhout", "2500 Lier", "2440 Geel", "2900 Schoten"]),
        new("LIM", "Limburg", "nl", 12, 663, Region.Flanders, "71", ["3500 Hasselt", "3600 Genk", "3700 Tongeren", "3900 Pelt", "3800 Sint-Truiden"]),
        new("OVL", "Oost-Vlaanderen", "nl", 20, 1164, Region.Flanders, "41", ["9000 Gent", "9300 Aalst", "9100 Sint-Niklaas", "9200 Dendermonde", "9700 Oudenaarde"]),
        new("VBR", "Vlaams-Brabant", "nl", 15, 886, Region.Flanders, "23", ["3000 Leuven", "1800 Vilvoorde", "3300 Tienen", "1500 Halle", "1640 Sint-Genesius-Rode"]),
        new("WVL", "West-Vlaanderen", "nl", 16, 942, Region.Flanders, "31", ["8000 Brugge", "8500 Kortrijk", "8400 Oostende", "8800 Roeselare", "8900 Ieper"]),
        new("BRU", "Bruxelles-Capitale – Brussel-Hoofdstad", "fr+nl", 16, 690, Region.Brussels, "21", ["1000 Bruxelles", "1030 Schaerbeek", "1080 Molenbeek-Saint-Jean", "1050 Ixelles", "1180 Uccle"]),
        new("BWA", "Brabant wallon", "fr", 5, 302, Region.Wallonia, "25", ["1300 Wavre", "1400 Nivelles", "1348 Ottignies-Louvain-la-Neuve", "1410 Waterloo"]),
        new("HAI", "Hainaut", "fr", 17, 969, Region.Wallonia, "51", ["6000 Charleroi", "7000 Mons", "7500 Tournai", "7700 Mouscron", "7100 La Louvière"]),
        new("LIE", "Liège", "fr|de", 14, 789, Region.Wallonia, "61", ["4000 Liège", "4800 Verviers", "4500 Huy", "4300 Waremme", "4700 Eupen", "4780 Sankt Vith"]),
        new("LUX", "Luxembourg", "fr", 4, 219, Region.Wallonia, "81", ["6700 Arlon", "6600 Bastogne", "6900 Marche-en-Famenne", "6800 Libramont-Chevigny"]),
        new("NAM", "Namur", "fr", 7, 376, Region.Wallonia, "91", ["5000 Namur", "5500 Dinant", "5300 Andenne", "5600 Philippeville"]),
    ];

    // Regional seats per Chamber constituency (Flemish Parliament 2024; the Walloon split is synthetic, 75 in all).
    private static readonly Dictionary<string, int> RegionalSeats = new()
    {
        ["ANT"] = 33, ["LIM"] = 16, ["OVL"] = 27, ["VBR"] = 20, ["WVL"] = 22, ["BWA"] = 8, ["HAI"] = 27, ["LIE"] = 22, ["LUX"] = 7, ["NAM"] = 11,
    };

    private static readonly string[] Posts = ["Paris", "London", "Madrid", "Lisboa", "Berlin", "Luxembourg", "Den Haag", "Genève", "Montréal", "New York", "Kinshasa", "Roma", "Casablanca", "Washington", "Dakar", "Bangkok"];

    private static readonly string[] GivenNl = ["Jan", "Eline", "Joëlle", "Pieter", "Ruben", "Saïda", "Lotte", "Wouter", "Anouk", "Sven", "Mathéo", "Noor", "Liesbeth", "Björn", "Ine", "Jef"];
    private static readonly string[] GivenFr = ["Élodie", "François", "Anaïs", "Jérôme", "Maëlle", "Noël", "Chloé", "Loïc", "Zoë", "Hélène", "Gaëtan", "Inès", "Benoît", "Céline", "Aïcha", "Jean-Baptiste"];
    private static readonly string[] GivenDe = ["Jürgen", "Käthe", "Lukas", "Jörg", "Anneliese", "Günther", "Sophie", "Maximilian", "Lea", "Björn"];
    private static readonly string[] Surnames =
    [
        "Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens", "Wouters", "De Smet", "Van den Bossche", "Vanderstraeten", "D'Hondt", "De Backer",
        "Dupont", "Dubois", "Lambert", "Lefèvre", "Martin", "Leclercq", "Dubois-Lambert", "Lemaître", "Gérard", "Piérard", "N'Diaye", "D'Ursel", "Müller-Özdemir", "Schmitz",
        "Öztürk", "Ćosić", "Nguyễn", "El Amrani", "Kowalczyk", "Van Ypersele de Strihou", "de Ghellinck d'Elseghem Vaernewyck", "Vandenbroucke-Van Nieuwenhuyse", "Șerban",
    ];

    private static readonly string[] StreetsNl = ["Kerkstraat", "Stationsstraat", "Dorpsstraat", "Molenstraat", "Nieuwstraat", "Schoolstraat", "Beekstraat", "Kapelstraat"];
    private static readonly string[] StreetsFr = ["Rue de l'Église", "Rue de la Station", "Chaussée de Bruxelles", "Rue du Moulin", "Place Saint-Lambert", "Rue des Écoles", "Avenue Léopold II"];
    private static readonly string[] StreetsDe = ["Kirchstraße", "Bahnhofstraße", "Hauptstraße", "Aachener Straße", "Klosterstraße"];
    private static readonly string[] StreetsAbroad = ["Rue de Rivoli", "Baker Street", "Calle Mayor", "Friedrichstraße", "Keizersgracht", "Rue du Rhône", "Main Street"];

    private static readonly string[] PartiesNl = ["Vooruit Samen", "Groen Links Vlaanderen", "Vrije Burgers", "Vlaamse Volkspartij", "Christen-Democraten", "Liberaal Vlaanderen", "Partij van de Arbeid", "Dierenpartij", "Piratenpartij", "Lijst Burgemeester", "Belgische Unie", "Volt Vlaanderen", "Jong Vlaanderen", "Ouderen Eerst", "Burgerlijst", "Nieuwe Wegen", "Samen Sterk"];
    private static readonly string[] PartiesFr = ["Parti socialiste uni", "Écolo & Citoyens", "Mouvement réformateur libre", "Les Engagés demain", "Parti du travail", "DéFI citoyen", "Collectif Citoyen", "Parti des Animaux", "Pirates Wallonie", "Union belge", "Volt Belgique", "Liste Bourgmestre", "Chez Nous Aussi", "Agir Ensemble", "Démocratie directe", "Nouvelle Génération", "Aînés d'abord"];
    private static readonly string[] PartiesDe = ["ProDG", "Christlich Soziale Partei", "Sozialistische Partei", "Ecolo Ostbelgien", "Partei für Freiheit und Fortschritt", "Vivant", "Bürgerliste"];

    /// <summary>Generates the files into --out: election.eml, lists-ELECTION.eml, voters-NN-*.eml, in-person-CH2029-NN-*.eml, each with FILE.sig.</summary>
    public static int Run(string dir, int voters, int seed, double inPersonShare, string? keyFile)
    {
        if (voters < 100)
        {
            throw new UsageException("--voters must be at least 100");
        }

        Directory.CreateDirectory(dir);
        using var key = SigningKey(dir, keyFile);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var elections = Elections();
        var files = new List<(string Name, Action<Stream> Write)>
        {
            ("election.eml", s => EmlWriter.WriteElectionEvent(s, "BE2029", "Élections du 9 juin 2029 – Verkiezingen van 9 juni 2029 – Wahlen vom 9. Juni 2029", elections, Issued)),
        };
        files.AddRange(elections.Select(e => ($"lists-{e.Id}.eml", (Action<Stream>)(s => EmlWriter.WriteCandidateLists(s, e.Id, Lists(e, seed), Issued)))));

        // Voters per Chamber constituency in proportion to the electorate; the rest abroad.
        int inBelgium = (int)Math.Round(voters * (1 - AbroadShare));
        int total = Chamber.Sum(c => c.Electorate);
        var counts = Chamber.Select(c => (int)((long)inBelgium * c.Electorate / total)).ToArray();
        counts[0] += inBelgium - counts.Sum();
        long offset = 0;
        for (int i = 0; i <= Chamber.Length; i++)
        {
            int count = i < Chamber.Length ? counts[i] : voters - inBelgium;
            long first = offset;
            int index = i;
            string name = i < Chamber.Length ? $"voters-{i + 1:00}-{Chamber[i].Id}.eml" : $"voters-{i + 1:00}-abroad.eml";
            files.Add((name, s => EmlWriter.WriteVoters(s, Voters(index, first, count, seed), Issued)));
            // Each commune (and post) reports who voted in person: one in-person file per voter file.
            files.Add(("in-person-CH2029" + name["voters".Length..], s => EmlWriter.WriteInPerson(s, "CH2029", InPerson(first, count, inPersonShare, seed + index), Issued)));
            offset += count;
        }

        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, file =>
        {
            string path = Path.Combine(dir, file.Name);
            using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                file.Write(stream);
            }

            using var read = File.OpenRead(path);
            File.WriteAllText(path + ".sig", FileSignature.Sign(read, key));
        });

        long bytes = files.Sum(f => new FileInfo(Path.Combine(dir, f.Name)).Length);
        Console.WriteLine($"{voters:N0} voters ({voters - inBelgium:N0} abroad), {elections.Count} elections, {files.Count} signed files, {bytes / 1e6:N0} MB in {dir} ({started.Elapsed.TotalSeconds:F0} s)");
        Console.WriteLine($"trust directory: {Path.Combine(dir, "trust")}; load with:");
        Console.WriteLine($"  scripts/hv import election {dir}/election.eml --trust {dir}/trust");
        Console.WriteLine($"  for f in {dir}/lists-*.eml; do scripts/hv import lists $f --trust {dir}/trust; done");
        Console.WriteLine($"  scripts/hv import voters {dir}/voters-*.eml --trust {dir}/trust");
        Console.WriteLine($"  scripts/hv import in-person {dir}/in-person-CH2029-*.eml --election CH2029 --trust {dir}/trust");
        return 0;
    }

    // The dev issuing-authority key: --key, or one created in DIR/keys with its public half in DIR/trust.
    private static ECDsa SigningKey(string dir, string? keyFile)
    {
        var key = ECDsa.Create();
        string path = keyFile ?? Path.Combine(dir, "keys", "issuer.key.pem");
        if (!File.Exists(path))
        {
            var (privatePem, publicPem) = FileSignature.CreateDevelopmentKey();
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, privatePem);
            Directory.CreateDirectory(Path.Combine(dir, "trust"));
            File.WriteAllText(Path.Combine(dir, "trust", "issuer.pub.pem"), publicPem);
        }

        key.ImportFromPem(File.ReadAllText(path));
        return key;
    }

    // The constituencies' names in French, Dutch and German (printed on ballots in the ballot's language).
    private static readonly Dictionary<string, LocalNames> ConstituencyNames = new()
    {
        ["ANT"] = LocalNames.Of("Anvers", "Antwerpen", "Antwerpen"), ["LIM"] = LocalNames.Of("Limbourg", "Limburg", "Limburg"),
        ["OVL"] = LocalNames.Of("Flandre orientale", "Oost-Vlaanderen", "Ostflandern"), ["VBR"] = LocalNames.Of("Brabant flamand", "Vlaams-Brabant", "Flämisch-Brabant"),
        ["WVL"] = LocalNames.Of("Flandre occidentale", "West-Vlaanderen", "Westflandern"), ["BRU"] = LocalNames.Of("Bruxelles-Capitale", "Brussel-Hoofdstad", "Brüssel-Hauptstadt"),
        ["BWA"] = LocalNames.Of("Brabant wallon", "Waals-Brabant", "Wallonisch-Brabant"), ["HAI"] = LocalNames.Of("Hainaut", "Henegouwen", "Hennegau"),
        ["LIE"] = LocalNames.Of("Liège", "Luik", "Lüttich"), ["LUX"] = LocalNames.Of("Luxembourg", "Luxemburg", "Luxemburg"), ["NAM"] = LocalNames.Of("Namur", "Namen", "Namur"),
    };

    private static List<ElectionDefinition> Elections()
    {
        var day = new DateTimeOffset(2029, 6, 10, 0, 0, 0, TimeSpan.Zero);
        var calendar = new ElectionCalendar(day.AddDays(-40), day.AddDays(-7), day.AddHours(14), day.AddDays(10));
        ContestDefinition Contest(string election, string id, string name, string languages, int seats) =>
            new(id, name, languages, seats, new BureauDefinition($"{election}-{id}", MainBureauName(languages, name), $"{name} – main bureau, {Chamber.FirstOrDefault(c => c.Id == id)?.Towns[0] ?? "1000 Bruxelles"}"),
                ConstituencyNames.GetValueOrDefault(id));
        ElectionDefinition Election(string id, string name, IEnumerable<ContestDefinition> contests, LocalNames names) => new("BE2029", id, name, calendar, contests.ToList(), names);
        var flemish = Chamber.Where(c => c.Region == Region.Flanders).ToList();
        var walloon = Chamber.Where(c => c.Region == Region.Wallonia).ToList();
        return
        [
            Election("CH2029", "Chambre des représentants – Kamer van volksvertegenwoordigers – Abgeordnetenkammer", Chamber.Select(c => Contest("CH2029", c.Id, c.Name, c.Languages, c.Seats)),
                LocalNames.Of("Chambre des représentants", "Kamer van volksvertegenwoordigers", "Abgeordnetenkammer")),
            Election("EU2029", "Parlement européen – Europees Parlement – Europäisches Parlament",
                [Contest("EU2029", "NL", "Nederlandstalig kiescollege", "nl", 13), Contest("EU2029", "FR", "Collège électoral français", "fr", 8), Contest("EU2029", "DE", "Deutschsprachiges Wahlkollegium", "de", 1)],
                LocalNames.Of("Parlement européen", "Europees Parlement", "Europäisches Parlament")),
            Election("VL2029", "Vlaams Parlement", flemish.Select(c => Contest("VL2029", c.Id, c.Name, "nl", RegionalSeats[c.Id])).Append(Contest("VL2029", "BRU", "Brussel-Hoofdstad", "nl", 6)),
                LocalNames.Of("Parlement flamand", "Vlaams Parlement", "Flämisches Parlament")),
            Election("WAL2029", "Parlement de Wallonie", walloon.Select(c => Contest("WAL2029", c.Id, c.Name, c.Id == "LIE" ? "fr|de" : "fr", RegionalSeats[c.Id])),
                LocalNames.Of("Parlement de Wallonie", "Waals Parlement", "Wallonisches Parlament")),
            Election("BXL2029", "Parlement de la Région de Bruxelles-Capitale – Brussels Hoofdstedelijk Parlement", [Contest("BXL2029", "BRU", "Bruxelles-Capitale – Brussel-Hoofdstad", "fr+nl", 89)],
                LocalNames.Of("Parlement de la Région de Bruxelles-Capitale", "Brussels Hoofdstedelijk Parlement", "Parlament der Region Brüssel-Hauptstadt")),
            Election("DG2029", "Parlament der Deutschsprachigen Gemeinschaft", [Contest("DG2029", "DG", "Deutschsprachige Gemeinschaft", "de", 25)],
                LocalNames.Of("Parlement de la Communauté germanophone", "Parlement van de Duitstalige Gemeenschap", "Parlament der Deutschsprachigen Gemeinschaft")),
        ];
    }

    private static string MainBureauName(string languages, string name) => languages[..2] switch
    {
        "nl" => $"Hoofdbureau {name}",
        "de" => $"Hauptwahlvorstand {name}",
        _ => $"Bureau principal {name}",
    };

    // Up to 17 lists; a full list has as many effective candidates as seats and about half as many substitutes.
    private static List<CandidateListDefinition> Lists(ElectionDefinition election, int seed)
    {
        var lists = new List<CandidateListDefinition>();
        foreach (var contest in election.Contests)
        {
            var random = new Random(Stable($"{seed}/{election.Id}/{contest.Id}"));
            string[] parties = contest.Languages.StartsWith("de", StringComparison.Ordinal) ? PartiesDe : contest.Languages.StartsWith("nl", StringComparison.Ordinal) ? PartiesNl : PartiesFr;
            int count = Math.Min(parties.Length + (contest.Languages == "fr+nl" ? PartiesNl.Length : 0), contest.Seats >= 10 ? random.Next(12, 18) : random.Next(6, 12));
            string[] names = contest.Languages == "fr+nl" ? [.. PartiesFr.Zip(PartiesNl).SelectMany(p => new[] { p.First, p.Second })] : parties;
            for (int n = 1; n <= count; n++)
            {
                bool full = random.NextDouble() < 0.7;
                int effective = full ? contest.Seats : random.Next(1, contest.Seats + 1);
                int substitutes = full ? (contest.Seats + 1) / 2 : random.Next(0, ((contest.Seats + 1) / 2) + 1);
                string Person() => $"{Surnames[random.Next(Surnames.Length)]} {Given(random, contest.Languages)}";
                lists.Add(new CandidateListDefinition(election.Id, contest.Id, n, names[(n - 1) % names.Length],
                    Enumerable.Range(0, effective).Select(_ => Person()).ToList(), Enumerable.Range(0, substitutes).Select(_ => Person()).ToList()));
            }
        }

        return lists;
    }

    private static string Given(Random random, string languages) =>
        languages.StartsWith("de", StringComparison.Ordinal) ? GivenDe[random.Next(GivenDe.Length)]
        : languages.StartsWith("nl", StringComparison.Ordinal) ? GivenNl[random.Next(GivenNl.Length)] : GivenFr[random.Next(GivenFr.Length)];

    // The voters of Chamber constituency <index> (or abroad when index == 11), numbered from <first>.
    private static IEnumerable<ListedVoter> Voters(int index, long first, int count, int seed)
    {
        var random = new Random(Stable($"{seed}/voters/{index}"));
        bool abroad = index == Chamber.Length;
        var c = abroad ? null : Chamber[index];
        // About 581 communes in all, in proportion to the electorate; one source (NIS code) each.
        int communes = abroad ? Posts.Length : Math.Max(1, c!.Electorate * 581 / Chamber.Sum(x => x.Electorate));
        for (int i = 0; i < count; i++)
        {
            int commune = (int)((long)i * communes / count);
            long g = first + i;
            string nrn = Number(g);
            if (abroad)
            {
                var home = Chamber[random.Next(Chamber.Length)];
                var language = random.NextDouble() switch { < 0.55 => Language.Nl, < 0.98 => Language.Fr, _ => Language.De };
                string post = Posts[commune];
                yield return new ListedVoter(nrn, Given(random, language.Code()), Surname(random), $"{StreetsAbroad[random.Next(StreetsAbroad.Length)]} {random.Next(1, 300)}, {post}",
                    language, "POST-" + post.ToUpperInvariant().Replace(' ', '-'), [new("CH2029", home.Id), new("EU2029", College(language))]);
                continue;
            }

            // The German-speaking area: the last communes of Liège (Eupen, Sankt Vith).
            bool german = c!.Id == "LIE" && commune >= communes - 9;
            string town = german ? c.Towns[4 + (commune % 2)] : c.Towns[commune % (c.Id == "LIE" ? 4 : c.Towns.Length)];
            var lang = german ? Language.De : c.Region switch { Region.Flanders => Language.Nl, Region.Wallonia => Language.Fr, _ => random.NextDouble() < 0.85 ? Language.Fr : Language.Nl };
            string[] streets = lang switch { Language.Nl => StreetsNl, Language.De => StreetsDe, _ => StreetsFr };
            var contests = new List<VoterContest> { new("CH2029", c.Id), new("EU2029", College(lang)) };
            switch (c.Region)
            {
                case Region.Flanders:
                    contests.Add(new("VL2029", c.Id));
                    break;
                case Region.Wallonia:
                    contests.Add(new("WAL2029", c.Id));
                    if (german)
                    {
                        contests.Add(new("DG2029", "DG"));
                    }

                    break;
                default:
                    contests.Add(new("BXL2029", "BRU"));
                    if (lang == Language.Nl)
                    {
                        contests.Add(new("VL2029", "BRU"));
                    }

                    break;
            }

            yield return new ListedVoter(nrn, Given(random, lang.Code()), Surname(random), $"{streets[random.Next(streets.Length)]} {random.Next(1, 250)}, {town}",
                lang, $"{(german ? "63" : c.Nis)}{commune + 1:000}", contests);
        }
    }

    // A seed from text that is the same in every process (string.GetHashCode is not): FNV-1a.
    private static int Stable(string text)
    {
        uint hash = 2166136261;
        foreach (char ch in text)
        {
            hash = (hash ^ ch) * 16777619;
        }

        return (int)(hash & int.MaxValue);
    }

    private static string College(Language language) => language switch { Language.Nl => "NL", Language.De => "DE", _ => "FR" };

    // One in five surnames is a compound of two.
    private static string Surname(Random random) =>
        random.Next(5) == 0 ? $"{Surnames[random.Next(Surnames.Length)]}-{Surnames[random.Next(Surnames.Length)]}" : Surnames[random.Next(Surnames.Length)];

    // Unique, well-formed national numbers: a birth day in 1926–2005 and a serial within the day.
    private static string Number(long g)
    {
        var birth = new DateOnly(1926, 1, 1).AddDays((int)(g % 29_000));
        int serial = 1 + (int)(g / 29_000);
        return NationalNumber.Compose(((birth.Year % 100) * 10000) + (birth.Month * 100) + birth.Day, serial, birth.Year >= 2000);
    }

    private static IEnumerable<string> InPerson(long first, int count, double share, int seed)
    {
        var random = new Random(seed);
        for (long g = first; g < first + count; g++)
        {
            if (random.NextDouble() < share)
            {
                yield return Number(g);
            }
        }
    }
}
