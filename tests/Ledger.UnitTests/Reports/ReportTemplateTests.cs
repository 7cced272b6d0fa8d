using Sanzi.Projections.Reports;
using Sanzi.ReportTemplates;
using Shouldly;

namespace Sanzi.UnitTests.Reports;

/// <summary>The Excel templates the ledger fills are the ones eng/ReportTemplates makes from the reports' columns today.</summary>
public class ReportTemplateTests
{
    [Fact]
    public void Every_report_has_its_template_embedded_as_the_generator_makes_it()
    {
        var made = Templates.All().ToList();
        made.Count.ShouldBe(5);
        foreach (var (name, template) in made)
        {
            using var resource = typeof(IReport).Assembly.GetManifestResourceStream($"Sanzi.Projections.Reports.Templates.{name}");
            resource.ShouldNotBeNull($"{name} is not embedded: run dotnet run --project eng/ReportTemplates");
            using var embedded = new MemoryStream();
            resource.CopyTo(embedded);
            embedded.ToArray().ShouldBe(template, $"{name} differs from what the report's columns make: run dotnet run --project eng/ReportTemplates");
        }
    }
}
