using Marten;

namespace Sanzi.Projections.Summary;

public static class Configuration
{
    public static void AddSummaryTotals(this StoreOptions options) =>
        options.Storage.Add(new SummaryTotals(options.DatabaseSchemaName, options.Advanced.Migrator));
}
