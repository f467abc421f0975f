using HybridVote.Domain;
using HybridVote.Hosting;

namespace HybridVote.Architecture.Tests;

/// <summary>
/// Domain decides, Storage persists, the function orchestrates; pages come only from the page
/// layer (CONVENTIONS 4, 13, 14; TR020). Each rule fails when the layout is broken.
/// </summary>
public sealed class LayerRulesTests
{
    private static readonly string[] Infrastructure = ["Npgsql", "StackExchange.Redis", "Serilog", "Microsoft.AspNetCore", "Microsoft.Extensions.Hosting", "prometheus-net", "Prometheus", "SkiaSharp"];

    [Theory]
    [InlineData("HybridVote.Domain")]
    [InlineData("HybridVote.Localization")]
    [InlineData("HybridVote.ElectionResults")]
    public void PureLibrary_ReferencesNoInfrastructure(string assembly)
    {
        var offending = Repository.References(Repository.Load(assembly)).Where(r => Infrastructure.Any(i => r.StartsWith(i, StringComparison.Ordinal))).ToList();
        Assert.True(offending.Count == 0, $"{assembly} references {string.Join(", ", offending)}");
    }

    [Fact]
    public void Domain_ReferencesNoOtherProjectLibrary() =>
        Assert.DoesNotContain(Repository.References(Repository.Load("HybridVote.Domain")), r => r.StartsWith("HybridVote.", StringComparison.Ordinal));

    [Fact]
    public void ResultsLibrary_ReferencesOnlyDomain() =>
        // NL decree Ea 1(2)(e): the functions that add up votes and allocate seats stand on their own.
        Assert.Equal(["HybridVote.Domain"], Repository.References(Repository.Load("HybridVote.ElectionResults")).Where(r => r.StartsWith("HybridVote.", StringComparison.Ordinal)));

    [Fact]
    public void PageLayer_KnowsNoStorage()
    {
        var references = Repository.References(Repository.Load("HybridVote.Pages"));
        Assert.DoesNotContain(references, r => r is "HybridVote.Storage" or "Npgsql" or "StackExchange.Redis" or "HybridVote.Hosting");
    }

    [Fact]
    public void NoFunction_ReferencesAnotherFunction()
    {
        var functions = FunctionCatalogue.All.Select(f => "HybridVote." + f.Name).ToHashSet();
        var offending = functions.SelectMany(f => Repository.References(Repository.Load(f)).Where(functions.Contains).Select(r => $"{f} → {r}")).ToList();
        Assert.True(offending.Count == 0, string.Join("; ", offending));
    }

    [Fact]
    public void LibrariesAndTheCli_ReferenceNoFunction()
    {
        var functions = FunctionCatalogue.All.Select(f => "HybridVote." + f.Name).ToHashSet();
        string[] others = ["HybridVote.Domain", "HybridVote.Localization", "HybridVote.Pages", "HybridVote.Storage", "HybridVote.Imports", "HybridVote.Hosting", "HybridVote.Eml", "HybridVote.Ballots", "HybridVote.ElectionResults", "HybridVote.Export", "hv"];
        var offending = others.SelectMany(a => Repository.References(Repository.Load(a)).Where(functions.Contains).Select(r => $"{a} → {r}")).ToList();
        Assert.True(offending.Count == 0, string.Join("; ", offending));
    }

    [Fact]
    public void CodesOfDomainDecisions_AreWrittenOnlyInDomain()
    {
        // Reject reasons, classifications and their former English sentences: a literal of one of
        // them outside shared/Domain is a decision made (or a name fixed) in the wrong place.
        var codes = RejectReasons.All.Select(r => r.Code()).Concat(BallotClassifications.All.Select(c => c.Code()))
            .Concat(["unknown label token", "wrong election for this bureau", "wrong bureau for the constituency", "after the deadline"]).ToHashSet(StringComparer.Ordinal);
        var offending = Repository.ProductSources().Where(s => !s.Path.StartsWith("shared/Domain/", StringComparison.Ordinal))
            .SelectMany(s => Repository.Literals(s.Text).Where(codes.Contains).Select(l => $"{s.Path}: \"{l}\"")).ToList();
        Assert.True(offending.Count == 0, "decision codes outside Domain: " + string.Join("; ", offending));
    }

    [Fact]
    public void Storage_CallsNoRuleAndWritesNoTimeWindow()
    {
        // Storage loads facts and writes outcomes: it neither applies a Domain rule nor compares the
        // calendar with the clock in SQL (the print window is ElectionCalendar.IssueOpen).
        string[] rules = ["ReceiptRules.", "EnvelopeRules.", ".IssueOpen(", ".RegistrationOpen(", "BallotLanguages.For(", "issue_from <=", "< el.issue_until", "< issue_until"];
        var offending = Repository.Sources("shared/Storage").Concat(Repository.Sources("shared/Imports"))
            .SelectMany(s => rules.Where(r => s.Text.Contains(r, StringComparison.Ordinal)).Select(r => $"{s.Path}: {r}")).ToList();
        Assert.True(offending.Count == 0, string.Join("; ", offending));
    }

    [Fact]
    public void Html_IsWrittenOnlyByThePageLayer()
    {
        string[] markers = ["text/html", "<html", "<!doctype", "<p>", "<p ", "<h1", "<form", "<section", "<a href"];
        var offending = Repository.ProductSources().Where(s => !s.Path.StartsWith("shared/Pages/", StringComparison.Ordinal))
            .SelectMany(s => Repository.Literals(s.Text).Where(l => markers.Any(m => l.Contains(m, StringComparison.OrdinalIgnoreCase))).Select(l => $"{s.Path}: \"{l}\""))
            .Where(l => !l.Contains("\"text/html\"", StringComparison.Ordinal) || !l.StartsWith("shared/Hosting/ErrorPages.cs", StringComparison.Ordinal))
            .ToList();
        Assert.True(offending.Count == 0, "HTML outside shared/Pages: " + string.Join("; ", offending));
    }

    [Fact]
    public void Links_ComeFromTheRouteCatalogue()
    {
        // A path literal of a page route anywhere but the catalogue means a link written twice.
        string[] paths = ["/auth/login", "/auth/logout", "/auth/callback", "/status", "/print", "/ballots/ballot/", "/ballots/label/", "/lang/", "/assets/site.css"];
        var offending = Repository.ProductSources().Where(s => s.Path != "shared/Pages/Routes.cs")
            .SelectMany(s => Repository.Literals(s.Text).Where(l => paths.Any(p => l.StartsWith(p, StringComparison.Ordinal))).Select(l => $"{s.Path}: \"{l}\"")).ToList();
        Assert.True(offending.Count == 0, string.Join("; ", offending));
    }
}
