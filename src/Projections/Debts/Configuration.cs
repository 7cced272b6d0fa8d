using JasperFx.Events.Projections;
using Marten;

namespace Sanzi.Projections.Debts;

public static class Configuration
{
    public static void AddDebtRegister(this StoreOptions options)
    {
        options.Projections.Add<DebtRegisterProjection>(ProjectionLifecycle.Inline);
        options.Storage.Add(new DebtRegisterTable(options.DatabaseSchemaName, options.Advanced.Migrator));
    }
}
