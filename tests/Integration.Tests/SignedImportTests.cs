using HybridVote.Domain;
using HybridVote.Eml;
using HybridVote.Cli;

namespace HybridVote.Integration.Tests;

/// <summary>Imports verify a detached signature of a trusted issuing authority before writing anything.</summary>
[Collection(InfrastructureCollection.Name)]
public sealed class SignedImportTests(TestInfrastructure infra) : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("hv-signed-").FullName;

    [Fact]
    public async Task Import_SignedFile_LoadsOnce_UnsignedTamperedOrUntrusted_WriteNothing()
    {
        string keys = Path.Combine(dir, "keys"), trust = Path.Combine(dir, "trust"), other = Path.Combine(dir, "other");
        Assert.Equal(0, await Hv.RunAsync(["keys", "signing", "--dir", keys]));
        Assert.Equal(0, await Hv.RunAsync(["keys", "signing", "--dir", other]));
        Directory.CreateDirectory(trust);
        File.Copy(Path.Combine(keys, "issuer.pub.pem"), Path.Combine(trust, "issuer.pub.pem"));
        string nrn = NationalNumber.Compose(990101, 123, false);
        string voters = Path.Combine(dir, "voters.eml");
        await using (var stream = File.Create(voters))
        {
            EmlWriter.WriteVoters(stream, [TestInfrastructure.Listed(nrn, "VB", "Zoë", "Ćosić")]);
        }

        string[] Import(params string[] extra) => ["import", "voters", voters, "--trust", trust, .. extra];
        Assert.Equal(1, await Run(Import()));
        Assert.Equal(0, await Run(["sign", voters, "--key", Path.Combine(other, "issuer.key.pem"), "--out", voters + ".other.sig"]));
        Assert.Equal(1, await Run(Import("--signature", voters + ".other.sig")));
        Assert.Equal(0, await Run(["sign", voters, "--key", Path.Combine(keys, "issuer.key.pem")]));
        await File.AppendAllTextAsync(voters, " ");
        Assert.Equal(1, await Run(Import("--signature", voters + ".sig")));
        Assert.Equal(0L, await infra.ScalarAsync<long>("SELECT count(*) FROM voter WHERE voter_key = $1", infra.Pseudonyms.VoterKey(nrn)));

        Assert.Equal(0, await Run(["sign", voters, "--key", Path.Combine(keys, "issuer.key.pem")]));
        long signedBefore = await infra.ScalarAsync<long>("SELECT count(*) FROM audit_event WHERE action = 'import.voters' AND details LIKE '%\"signer\"%'");
        Assert.Equal(0, await Run(Import("--signature", voters + ".sig")));
        Assert.Equal(1L, await infra.ScalarAsync<long>("SELECT count(*) FROM voter WHERE voter_key = $1", infra.Pseudonyms.VoterKey(nrn)));
        long audits = await infra.ScalarAsync<long>("SELECT count(*) FROM audit_event WHERE action = 'import.voters'");
        Assert.Equal(0, await Run(Import("--signature", voters + ".sig")));
        Assert.Equal(audits, await infra.ScalarAsync<long>("SELECT count(*) FROM audit_event WHERE action = 'import.voters'"));
        Assert.Equal(signedBefore + 1, await infra.ScalarAsync<long>("SELECT count(*) FROM audit_event WHERE action = 'import.voters' AND details LIKE '%\"signer\"%'"));
    }

    [Fact]
    public async Task ImportStaff_SignedComposition_GivesEveryRoleOrNone_AndNamesTheRefusedLine()
    {
        var (keys, trust) = await IssuerAsync();
        string president = NationalNumber.Compose(670101, 101, false), typist = NationalNumber.Compose(670101, 102, false);
        async Task<(int Code, string Error)> ImportAsync(string name, string content)
        {
            string file = Path.Combine(dir, name);
            await File.WriteAllTextAsync(file, content);
            Assert.Equal(0, await Run(["sign", file, "--key", Path.Combine(keys, "issuer.key.pem")]));
            return await infra.HvCapturingAsync("import", "staff", file, "--trust", trust);
        }

        // The president is also listed as a counting typist of the same bureau: the whole file is refused, line 4 named.
        var refused = await ImportAsync("staff-bad.csv", $"national_number,role,election,bureau\n{president},president,T1,BW-001\n{typist},counting-typist,T1,BW-001\n{president},counting-typist,T1,BW-001\n");
        Assert.Equal(1, refused.Code);
        Assert.Contains("E203", refused.Error, StringComparison.Ordinal);
        Assert.Contains("line 4", refused.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(president, refused.Error, StringComparison.Ordinal);
        Assert.Equal(0L, await infra.ScalarAsync<long>("SELECT count(*) FROM staff_assignment WHERE person = ANY($1)", (object)new[] { infra.Pseudonyms.StaffKey(president), infra.Pseudonyms.StaffKey(typist) }));

        var badNumber = await ImportAsync("staff-nrn.csv", "national_number,role,election,bureau\n85072700154,organiser,T1,\n");
        Assert.Contains("E109 line 2", badNumber.Error, StringComparison.Ordinal);
        Assert.Contains("E201", (await ImportAsync("staff-header.csv", "nrn;role\n")).Error, StringComparison.Ordinal);

        var loaded = await ImportAsync("staff-good.csv", $"national_number,role,election,bureau\n{president},president,T1,BW-001\n{typist},counting-typist,T1,BW-001\n");
        Assert.Equal(0, loaded.Code);
        Assert.Equal(2L, await infra.ScalarAsync<long>("SELECT count(*) FROM staff_assignment WHERE person = ANY($1)", (object)new[] { infra.Pseudonyms.StaffKey(president), infra.Pseudonyms.StaffKey(typist) }));
        Assert.False(await infra.DatabaseContainsAsync(president));
        Assert.Equal(1L, await infra.ScalarAsync<long>("SELECT count(*) FROM import_file WHERE file_name = 'staff-good.csv'"));
    }

    [Fact]
    public async Task Import_SignedButInvalidFile_IsRefusedWithTheErrorAndWritesNothing()
    {
        var (keys, trust) = await IssuerAsync();
        string nrn = NationalNumber.Compose(990102, 321, false);
        string voters = Path.Combine(dir, "bad-voters.eml");
        await using (var stream = File.Create(voters))
        {
            EmlWriter.WriteVoters(stream, [TestInfrastructure.Listed(nrn, "VB", "Jan", "Peeters")]);
        }

        await File.WriteAllTextAsync(voters, (await File.ReadAllTextAsync(voters)).Replace("<be:Language>fr</be:Language>", "<be:Language>xx</be:Language>", StringComparison.Ordinal));
        Assert.Equal(0, await Run(["sign", voters, "--key", Path.Combine(keys, "issuer.key.pem")]));
        Assert.Equal(1, await Run(["import", "voters", voters, "--trust", trust, "--signature", voters + ".sig"]));
        Assert.Contains("hv_import_failures_total{kind=\"voters\",code=\"E101\"}", await File.ReadAllTextAsync(infra.ImportMetricsFile), StringComparison.Ordinal);
        Assert.Equal(0L, await infra.ScalarAsync<long>("SELECT count(*) FROM voter WHERE voter_key = $1", infra.Pseudonyms.VoterKey(nrn)));
        Assert.Equal(0L, await infra.ScalarAsync<long>("SELECT count(*) FROM import_file WHERE file_name = 'bad-voters.eml'"));
    }

    [Fact]
    public async Task Import_SeveralFiles_OneTampered_WritesNothingFromAny()
    {
        // The files are checked in parallel; one bad signature refuses the whole load.
        var (keys, trust) = await IssuerAsync();
        var files = new List<string>();
        var numbers = new List<string>();
        for (int i = 0; i < 3; i++)
        {
            string nrn = NationalNumber.Compose(990103, 100 + i, false), path = Path.Combine(dir, $"part-{i}.eml");
            await using (var stream = File.Create(path))
            {
                EmlWriter.WriteVoters(stream, [TestInfrastructure.Listed(nrn, "VB", "Zoë", "Ćosić", $"PART-{i}")]);
            }

            Assert.Equal(0, await Run(["sign", path, "--key", Path.Combine(keys, "issuer.key.pem")]));
            files.Add(path);
            numbers.Add(nrn);
        }

        await File.AppendAllTextAsync(files[1], " ");
        Assert.Equal(1, await Run(["import", "voters", .. files, "--trust", trust]));
        foreach (string nrn in numbers)
        {
            Assert.Equal(0L, await infra.ScalarAsync<long>("SELECT count(*) FROM voter WHERE voter_key = $1", infra.Pseudonyms.VoterKey(nrn)));
        }
    }

    [Fact]
    public void Verify_MalformedSignatureText_IsNamed()
    {
        using var stream = new MemoryStream([1, 2, 3]);
        Assert.IsType<SignatureCheck.Malformed>(FileSignature.Verify(stream, "not a signature", new Dictionary<string, System.Security.Cryptography.ECDsa>()));
        Assert.StartsWith("E002", FileSignature.Describe(new SignatureCheck.Malformed("x")), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(dir, recursive: true);

    // A development issuing authority: its key pair, and a trust store holding its public key.
    [Theory]
    [InlineData("renamed over the path", 990104)]
    [InlineData("written in place (cp)", 990105)]
    [InlineData("written in place (large file)", 990106)]
    public async Task Import_FileSwappedAfterItsSignatureCheck_LoadsTheSignedBytesOrNothing(string swap, int birth)
    {
        var (keys, trust) = await IssuerAsync();
        string signedNrn = NationalNumber.Compose(birth, 201, false), swappedNrn = NationalNumber.Compose(birth, 202, false);
        string voters = Path.Combine(dir, $"swap-{birth}.eml"), other = Path.Combine(dir, $"swap-{birth}-other.eml");
        // The large variant is bigger than the read buffer, so the load really reads the file again.
        int padding = swap.Contains("large", StringComparison.Ordinal) ? 4000 : 0;
        await WriteVotersAsync(voters, signedNrn, padding, "SIGNED");
        await WriteVotersAsync(other, swappedNrn, padding, "SWAPPED");
        Assert.Equal(0, await Run(["sign", voters, "--key", Path.Combine(keys, "issuer.key.pem")]));

        // The swap happens the moment the command reports the signature valid, before it loads.
        var error = new StringWriter();
        var original = Console.Error;
        Console.SetError(new SwapWhenChecked(error, () =>
        {
            if (swap.StartsWith("renamed", StringComparison.Ordinal))
            {
                File.Copy(other, voters + ".new");
                File.Move(voters + ".new", voters, overwrite: true);
            }
            else
            {
                using var cp = System.Diagnostics.Process.Start("cp", [other, voters]);
                cp.WaitForExit();
            }
        }));
        int exit;
        try
        {
            exit = await Run(["import", "voters", voters, "--trust", trust, "--signature", voters + ".sig"]);
        }
        finally
        {
            Console.SetError(original);
        }

        // Never the unsigned voters; the signed ones when the bytes read were the signed ones, else nothing (E005).
        Assert.Equal(0L, await infra.ScalarAsync<long>("SELECT count(*) FROM voter WHERE voter_key = $1", infra.Pseudonyms.VoterKey(swappedNrn)));
        long signed = await infra.ScalarAsync<long>("SELECT count(*) FROM voter WHERE voter_key = $1", infra.Pseudonyms.VoterKey(signedNrn));
        if (exit == 0)
        {
            Assert.Equal(1L, signed);
        }
        else
        {
            Assert.Equal(0L, signed);
            Assert.True(error.ToString().Contains("E005", StringComparison.Ordinal), error.ToString());
        }

        if (padding > 0)
        {
            // Past the buffer the change is read, and refused.
            Assert.Equal(1, exit);
        }
    }

    private static async Task WriteVotersAsync(string path, string nrn, int padding, string source)
    {
        var listed = new[] { TestInfrastructure.Listed(nrn, "VB", "Zoë", "Ćosić", source) }
            .Concat(Enumerable.Range(0, padding).Select(i => TestInfrastructure.Listed(NationalNumber.Compose(620101 + (i / 900), 1 + (i % 900), false), "VB", "Jan", "Peeters", source)));
        await using var stream = File.Create(path);
        EmlWriter.WriteVoters(stream, listed.ToList());
    }

    // Passes the command's messages on and runs the swap once, when a signature is reported valid.
    private sealed class SwapWhenChecked(TextWriter inner, Action swap) : TextWriter
    {
        private bool swapped;

        public override System.Text.Encoding Encoding => inner.Encoding;

        public override void Write(char value) => inner.Write(value);

        public override void WriteLine(string? value)
        {
            inner.WriteLine(value);
            if (!swapped && value?.Contains("signed by key", StringComparison.Ordinal) == true)
            {
                swapped = true;
                swap();
            }
        }

        public override Task WriteLineAsync(string? value)
        {
            WriteLine(value);
            return Task.CompletedTask;
        }
    }

    private async Task<(string Keys, string Trust)> IssuerAsync()
    {
        string keys = Path.Combine(dir, "keys"), trust = Path.Combine(dir, "trust");
        Assert.Equal(0, await Hv.RunAsync(["keys", "signing", "--dir", keys]));
        Directory.CreateDirectory(trust);
        File.Copy(Path.Combine(keys, "issuer.pub.pem"), Path.Combine(trust, "issuer.pub.pem"));
        return (keys, trust);
    }

    private Task<int> Run(string[] args) => infra.HvAsync(args);
}
