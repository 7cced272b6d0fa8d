using System.Reflection;
using System.Runtime.CompilerServices;
using Sanzi.Projections.Reports;
using Sanzi.ReportTemplates;

// dotnet run --project eng/ReportTemplates [folder]: writes one template per report into src/Projections/Reports/Templates.
var folder = args.FirstOrDefault() ?? Path.Combine(FindRoot(), "src", "Projections", "Reports", "Templates");
foreach (var (name, template) in Templates.All())
{
    File.WriteAllBytes(Path.Combine(folder, name), template);
    Console.WriteLine($"{name}: {template.Length:N0} bytes");
}

static string FindRoot()
{
    var dir = new DirectoryInfo(AppContext.BaseDirectory);
    while (!File.Exists(Path.Combine(dir.FullName, "Ledger.sln"))) dir = dir.Parent ?? throw new InvalidOperationException("Run inside the repository.");
    return dir.FullName;
}

namespace Sanzi.ReportTemplates
{
    /// <summary>Every report's template, made from the report's own tables, so a column exists in one place only.</summary>
    public static class Templates
    {
        public static IEnumerable<(string Name, byte[] Template)> All() =>
            typeof(IReport).Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IReport).IsAssignableFrom(t)).OrderBy(t => t.Name)
                .Select(t => (ReportFiles.TemplateName(t), Make(Blank(t))));

        private static byte[] Make(IReport report)
        {
            var filing = report.Filing();
            var tables = report.Tables();
            return TemplateWorkbook.Write(tables.Select((table, i) => new TemplateSheet(table.Name,
                table.Name == filing.Title ? filing.Title : $"{filing.Title}（{table.Name}）", table.Columns, ReportFiles.TemplateCollection(i),
                filing.Signers)).ToList());
        }

        /// <summary>The report with no rows: its lists empty, everything else unset; enough to read its columns and signers.</summary>
        private static IReport Blank(Type type)
        {
            var report = RuntimeHelpers.GetUninitializedObject(type);
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                         .Where(p => p.CanWrite && p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(IReadOnlyList<>)))
                property.SetValue(report, Array.CreateInstance(property.PropertyType.GetGenericArguments()[0], 0));
            return (IReport)report;
        }
    }
}
