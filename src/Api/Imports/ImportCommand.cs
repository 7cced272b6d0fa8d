using JasperFx.CommandLine;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Imports;
using Spectre.Console;

namespace Sanzi.Api.Imports;

public sealed class ImportInput : NetCoreInput
{
    [Description("The register to import: a .csv or .xlsx file with Chinese headers")]
    public string File { get; set; } = "";

    [Description("The division code of the unit whose books receive the rows"), FlagAlias("unit", 'u')]
    public string UnitFlag { get; set; } = "";

    [Description("assets, funds, debts or resources; recognised from the headers when left out"), FlagAlias("table", 't')]
    public string? TableFlag { get; set; }

    [Description("Write the valid rows and list the bad ones, instead of writing nothing while any row is bad"), FlagAlias("valid-only")]
    public bool ValidOnlyFlag { get; set; }

    [Description("The county whose database receives the rows, when the ledger keeps one per county (Ledger:Tenants)"), FlagAlias("tenant")]
    public string? TenantFlag { get; set; }

    [Description("Who is importing, as the events record it"), FlagAlias("actor", 'a')]
    public string ActorFlag { get; set; } = Environment.UserName;
}

/// <summary>
/// <c>dotnet run --project src/Api -- import FILE --unit CODE</c>: the same import as the endpoint, against the
/// ledger's database, with a progress bar. Killed and run again, it writes only the rows not yet in the books.
/// </summary>
[Description("Import a 清产核资 register (CSV or .xlsx) into a unit's books", Name = "import")]
public sealed class ImportCommand : JasperFxAsyncCommand<ImportInput>
{
    public override async Task<bool> Execute(ImportInput input)
    {
        using var host = input.BuildHost();
        var importer = host.Services.GetRequiredService<Importer>();
        try
        {
            var file = ImportFile.Read(await System.IO.File.ReadAllBytesAsync(input.File));
            var request = new ImportRequest(input.UnitFlag, file.Table(input.TableFlag), file.Rows, input.ValidOnlyFlag, Tenant: input.TenantFlag);
            ImportResult? result = null;
            await AnsiConsole.Progress().StartAsync(async ctx =>
            {
                var bar = ctx.AddTask($"{request.Spec.Title} → {input.UnitFlag}", maxValue: 1);
                result = await importer.ImportAsync(request, new Actor(input.ActorFlag, null), null, new Bar(bar), CancellationToken.None);
                bar.Value = bar.MaxValue;
            });
            foreach (var p in result!.Problems) AnsiConsole.WriteLine($"第{p.Row}行 {p.Column}: {p.Rule}");
            AnsiConsole.WriteLine(result.Refused(input.ValidOnlyFlag)
                ? $"NOTHING WRITTEN: {result.Problems.Count} problem(s) in {result.Rows} rows"
                : $"{result.Written} written, {result.AlreadyImported} already in the books, {result.Problems.Count} problem(s), of {result.Rows} rows");
            return !result.Refused(input.ValidOnlyFlag);
        }
        catch (Refused refused)
        {
            AnsiConsole.WriteLine($"REFUSED: {refused.Message}");
            return false;
        }
    }

    private sealed class Bar(ProgressTask task) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value)
        {
            task.MaxValue = Math.Max(1, value.Total);
            task.Value = value.Done;
        }
    }
}
