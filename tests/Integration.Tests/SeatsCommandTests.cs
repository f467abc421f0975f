namespace HybridVote.Integration.Tests;

/// <summary><c>hv seats --seats N --threshold PERCENT --votes FILE.csv</c> through the command line parser.</summary>
[Collection(InfrastructureCollection.Name)]
public sealed class SeatsCommandTests(TestInfrastructure infra)
{
    [Fact]
    public async Task Seats_PrintsOneLinePerListFirst_ThenTheSteps_Exit0()
    {
        string file = Path.Combine(Path.GetTempPath(), $"hv-seats-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, "list,votes\nA,100000\nB,80000\nC,30000\nD,20000\n");
        var original = Console.Out;
        using var output = new StringWriter();
        Console.SetOut(output);
        int code;
        try
        {
            code = await infra.HvAsync("seats", "--seats", "8", "--threshold", "5", "--votes", file);
        }
        finally
        {
            Console.SetOut(original);
            File.Delete(file);
        }

        Assert.Equal(0, code);
        Assert.Equal(["A 4", "B 3", "C 1", "D 0"], output.ToString().Split('\n').Take(4).Select(l => l.TrimEnd('\r')));
        Assert.Contains("# seat 8: A with 100000 / 4 = 25000.00", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seats_AMalformedFile_IsASentenceNamingTheLine_Exit2()
    {
        string file = Path.Combine(Path.GetTempPath(), $"hv-seats-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, "list,votes\nA,100000\nB,eighty\n");
        try
        {
            var (code, error) = await infra.HvCapturingAsync("seats", "--seats", "8", "--threshold", "5", "--votes", file);
            Assert.Equal(2, code);
            Assert.Contains("line 3: the votes of list B are not a whole number", error, StringComparison.Ordinal);
            Assert.Equal(2, (await infra.HvCapturingAsync("seats", "--seats", "8", "--threshold", "5", "--votes", file + ".missing")).Code);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
