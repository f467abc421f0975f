using HybridVote.Domain;
using HybridVote.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace HybridVote.Cli;

/// <summary>
/// <c>hv staff assign|remove|list</c>: the roles of the people who work with the system (FR011,
/// SEC014), audited. National numbers are read from standard input, one per line, never from the
/// command line (it shows in the process list and the shell history), and only their keyed hash is stored.
/// </summary>
public static class StaffCommands
{
    /// <summary>Gives the role to every person read from <paramref name="input"/>; exit 1 when one is refused (the others are kept).</summary>
    public static async Task<int> AssignAsync(IServiceProvider services, StaffAssignment role, TextReader input, string actor)
    {
        var store = services.GetRequiredService<StaffStore>();
        int refused = 0, line = 0, given = 0;
        foreach (var person in await ReadPeopleAsync(services, input))
        {
            line++;
            if (person is null)
            {
                await Console.Error.WriteLineAsync($"hv: line {line}: not a valid national number; nothing given to it.");
                refused++;
            }
            else if (await store.AssignAsync(person, role, actor) is { } refusal)
            {
                await Console.Error.WriteLineAsync($"hv: line {line} ({StaffStore.Subject(person)}): refused: {refusal}.");
                refused++;
            }
            else
            {
                given++;
            }
        }

        Console.WriteLine($"{given} given the role {Describe(role)}; {refused} refused");
        return refused == 0 && line > 0 ? 0 : 1;
    }

    /// <summary>Removes the role from every person read from <paramref name="input"/>.</summary>
    public static async Task<int> RemoveAsync(IServiceProvider services, StaffAssignment role, TextReader input, string actor)
    {
        var store = services.GetRequiredService<StaffStore>();
        int removed = 0, line = 0;
        foreach (var person in await ReadPeopleAsync(services, input))
        {
            line++;
            if (person is not null && await store.RemoveAsync(person, role, actor))
            {
                removed++;
            }
        }

        Console.WriteLine($"{removed} of {line} no longer hold the role {Describe(role)}");
        return 0;
    }

    /// <summary>Lists the roles (people by pseudonym prefix).</summary>
    public static async Task<int> ListAsync(IServiceProvider services, string? electionId)
    {
        foreach (var l in await services.GetRequiredService<StaffStore>().ListAsync(electionId))
        {
            Console.WriteLine($"{l.Person,-24} {Describe(l.Assignment),-44} since {l.AssignedAt:u}");
        }

        return 0;
    }

    private static string Describe(StaffAssignment a) => $"{a.Role.Code()} of {a.ElectionId}" + (a.BureauId is null ? string.Empty : $" at {a.BureauId}");

    private static async Task<List<byte[]?>> ReadPeopleAsync(IServiceProvider services, TextReader input)
    {
        var pseudonyms = services.GetRequiredService<Pseudonyms>();
        var people = new List<byte[]?>();
        while (await input.ReadLineAsync() is { } text)
        {
            if (!string.IsNullOrWhiteSpace(text))
            {
                people.Add(NationalNumber.TryNormalize(text, out var nrn) ? pseudonyms.StaffKey(nrn) : null);
            }
        }

        return people;
    }
}
