using Marten;

namespace Sanzi.Projections.Handovers;

public static class Configuration
{
    /// <summary>The table a handover's folded cards and rows are staged in (<see cref="TransferStaging"/>).</summary>
    public static void AddTransferStaging(this StoreOptions options) =>
        options.Storage.Add(new TransferStaging(options.DatabaseSchemaName, options.Advanced.Migrator));
}
