using System.Text.Json;
using HybridVote.Domain;
using HybridVote.Eml;
using HybridVote.Imports;
using HybridVote.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace HybridVote.Cli;

/// <summary>
/// <c>hv demo</c>: a small synthetic election (FR010: invented people, valid-looking numbers) —
/// one election, a French and a Dutch constituency, three lists each, a few hundred voters and a
/// short in-person list — written as EML, loaded, with scanner keys and the identity provider's
/// demo accounts.
/// </summary>
public static class DemoElection
{
    /// <summary>Id of the demo election.</summary>
    public const string ElectionId = "CH2026";

    private static readonly string[] GivenFr = ["Élodie", "François", "Anaïs", "Jérôme", "Maëlle", "Noël", "Chloé", "Loïc", "Zoë", "Hélène"];
    private static readonly string[] GivenNl = ["Jan", "Eline", "Joëlle", "Pieter", "Ruben", "Saïda", "Lotte", "Wouter", "Anouk", "Sven"];
    private static readonly string[] Surnames = ["Dupont", "Van den Bossche", "Lefèvre", "De Smet", "Müller-Özdemir", "D'Hondt", "Vanderstraeten", "Ćosić", "Peeters", "Dubois-Lambert"];

    /// <summary>Generates the files into --out and loads them.</summary>
    public static async Task<int> RunAsync(IServiceProvider services, string dir, int voterCount, string actor)
    {
        Directory.CreateDirectory(dir);
        var random = new Random(2026);
        var now = DateTimeOffset.UtcNow;
        var election = new ElectionDefinition("BE2026", ElectionId, "Chambre des représentants – Kamer van volksvertegenwoordigers 2026",
            new ElectionCalendar(now.AddDays(-1), now.AddDays(30), now.AddDays(30), now.AddDays(60)),
        [
            new ContestDefinition("BW", "Brabant wallon", "fr", 5, new BureauDefinition("BW-001", "Bureau principal de Wavre", "Place de l'Hôtel de Ville 1, 1300 Wavre"),
                LocalNames.Of("Brabant wallon", "Waals-Brabant", "Wallonisch-Brabant")),
            new ContestDefinition("VB", "Vlaams-Brabant", "nl", 6, new BureauDefinition("VB-001", "Hoofdbureau Leuven", "Professor Van Overstraetenplein 1, 3000 Leuven"),
                LocalNames.Of("Brabant flamand", "Vlaams-Brabant", "Flämisch-Brabant")),
        ], LocalNames.Of("Chambre des représentants 2026", "Kamer van volksvertegenwoordigers 2026", "Abgeordnetenkammer 2026"));
        var lists = election.Contests.SelectMany(c => Enumerable.Range(1, 3).Select(n => MakeList(c, n, random))).ToList();
        var voters = Enumerable.Range(1, voterCount).Select(i => MakeVoter(i, random)).ToList();
        var inPerson = voters.Where((_, i) => i % 30 == 29).Select(v => v.NationalNumber).ToList();

        Write(Path.Combine(dir, "election.eml"), s => EmlWriter.WriteElectionEvent(s, election.EventId, "Élections fédérales 2026", [election]));
        Write(Path.Combine(dir, "lists.eml"), s => EmlWriter.WriteCandidateLists(s, ElectionId, lists));
        Write(Path.Combine(dir, "voters.eml"), s => EmlWriter.WriteVoters(s, voters));
        Write(Path.Combine(dir, "in-person.eml"), s => EmlWriter.WriteInPerson(s, ElectionId, inPerson));

        var importer = services.GetRequiredService<ElectionImporter>();
        var voterLists = services.GetRequiredService<VoterListImporter>();
        await services.GetRequiredService<Migrator>().MigrateAsync();
        await importer.ImportElectionAsync(election, actor);
        await importer.ImportListsAsync(lists, actor);
        await voterLists.ImportAsync(voters, actor);
        await voterLists.ImportInPersonAsync(ElectionId, EnvelopeRules.ApplyInPersonVote, inPerson, actor);
        // Scanners (reception) and counting clients hold different keys: a key has one duty.
        await File.WriteAllTextAsync(Path.Combine(dir, "bureaus.json"), JsonSerializer.Serialize(await IssueBureauKeysAsync(services, election, BureauDuty.Reception, actor)));
        await File.WriteAllTextAsync(Path.Combine(dir, "counting-keys.json"), JsonSerializer.Serialize(await IssueBureauKeysAsync(services, election, BureauDuty.Counting, actor)));
        var votedInPerson = inPerson.ToHashSet(StringComparer.Ordinal);
        var staff = await AssignStaffAsync(services, actor);
        var accounts = voters.Select((v, i) => new DemoAccount($"voter{i + 1}", v.NationalNumber, v.GivenName, v.Surname, v.Language.Code(), votedInPerson.Contains(v.NationalNumber)))
            .Append(new DemoAccount("stranger", NationalNumber.Compose(750101, 999, false), "Sam", "Outsider", "fr", false))
            .Concat(staff).ToList();
        await File.WriteAllTextAsync(Path.Combine(dir, "accounts.json"), JsonSerializer.Serialize(accounts, new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine($"demo election {ElectionId}: {voters.Count} voters, {lists.Count} lists, {inPerson.Count} voted in person; files in {dir}");
        return 0;
    }

    /// <summary>A login of the dev identity provider with the claims CSAM/FAS would send.</summary>
    public sealed record DemoAccount(string Login, string EgovNRN, string GivenName, string Surname, string PrefLanguage, bool VotedInPerson);

    /// <summary>The staff demo accounts of the identity provider: login, role, bureau (printed by scripts/run).</summary>
    public static readonly (string Login, string GivenName, string Language, StaffRole Role, string? Bureau)[] Staff =
    [
        ("reception1", "Rania", "fr", StaffRole.ReceptionOperator, "BW-001"),
        ("reception2", "Pieter", "nl", StaffRole.ReceptionOperator, "VB-001"),
        ("president1", "Marie", "fr", StaffRole.President, "BW-001"),
        ("counting1", "Tom", "fr", StaffRole.CountingTypist, "BW-001"),
        ("counting2", "Lena", "de", StaffRole.CountingTypist, "BW-001"),
        ("organiser", "Olivier", "fr", StaffRole.Organiser, null),
        ("auditor", "Anke", "nl", StaffRole.Auditor, null),
        ("operator", "Omar", "fr", StaffRole.Operator, null),
    ];

    // Staff are people too: their demo national numbers are their own (born 1970), never a voter's.
    private static async Task<List<DemoAccount>> AssignStaffAsync(IServiceProvider services, string actor)
    {
        var store = services.GetRequiredService<StaffStore>();
        var pseudonyms = services.GetRequiredService<Pseudonyms>();
        var accounts = new List<DemoAccount>();
        for (int i = 0; i < Staff.Length; i++)
        {
            var (login, given, language, role, bureau) = Staff[i];
            string nrn = NationalNumber.Compose(700101, 101 + i, false);
            if (await store.AssignAsync(pseudonyms.StaffKey(nrn), new StaffAssignment(role, ElectionId, bureau), actor) is { } refusal)
            {
                throw new InvalidOperationException($"demo staff {login}: {refusal}");
            }

            accounts.Add(new DemoAccount(login, nrn, given, "Démo", language, false));
        }

        return accounts;
    }

    private static async Task<Dictionary<string, string>> IssueBureauKeysAsync(IServiceProvider services, ElectionDefinition election, BureauDuty duty, string actor)
    {
        var keys = new Dictionary<string, string>();
        foreach (var contest in election.Contests)
        {
            keys[contest.MainBureau.Id] = await OrganiserCommands.IssueBureauKeyAsync(services, contest.MainBureau.Id, duty, actor);
        }

        return keys;
    }

    private static CandidateListDefinition MakeList(ContestDefinition contest, int number, Random random)
    {
        string[] names = contest.Languages == "fr" ? ["Avenir Commun", "Les Verts Unis", "Liste Citoyenne"] : ["Samen Vooruit", "Groen Plus", "Burgerlijst"];
        string Person() => $"{Surnames[random.Next(Surnames.Length)]} {(contest.Languages == "fr" ? GivenFr : GivenNl)[random.Next(10)]}";
        return new CandidateListDefinition(ElectionId, contest.Id, number, names[number - 1],
            Enumerable.Range(0, contest.Seats).Select(_ => Person()).ToList(),
            Enumerable.Range(0, (contest.Seats + 1) / 2).Select(_ => Person()).ToList());
    }

    private static ListedVoter MakeVoter(int index, Random random)
    {
        bool french = index % 2 == 1;
        // Unique numbers for any size: a birth day per 998 voters, the serial within the day.
        var birth = new DateOnly(1940, 1, 1).AddDays((index / 998) + random.Next(0, 1));
        int yymmdd = ((birth.Year % 100) * 10000) + (birth.Month * 100) + birth.Day;
        string address = french ? $"Rue du Château {1 + (index % 90)}, 1300 Wavre" : $"Naamsestraat {1 + (index % 90)}, 3000 Leuven";
        return new ListedVoter(NationalNumber.Compose(yymmdd, 1 + (index % 998), false), (french ? GivenFr : GivenNl)[random.Next(10)], Surnames[random.Next(Surnames.Length)],
            address, french ? Language.Fr : Language.Nl, french ? "25112" : "24062", [new VoterContest(ElectionId, french ? "BW" : "VB")]);
    }

    private static void Write(string path, Action<Stream> write)
    {
        using var stream = File.Create(path);
        write(stream);
    }
}
