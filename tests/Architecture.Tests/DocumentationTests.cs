using HybridVote.Domain;

namespace HybridVote.Architecture.Tests;

/// <summary>Documents that must follow the code they describe.</summary>
public sealed class DocumentationTests
{
    [Fact]
    public void ChecksDocument_NamesEveryCheckOfTheCatalogue_WithItsSeverityAndFormula()
    {
        string doc = Repository.Read("docs/checks.md");
        Assert.All(TallyChecks.All, c => Assert.Contains(
            $"| {c.Code} | {(c.Severity == CheckSeverity.Error ? "error" : "warning")} | {c.Formula} |", doc, StringComparison.Ordinal));
    }
}
