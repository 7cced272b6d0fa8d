using Weasel.Core;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Sanzi.Projections.Storage;

/// <summary>A table that, when created, is filled by <paramref name="fill"/> from what the ledger already holds: a ledger upgraded.</summary>
public sealed class FilledTable(PostgresqlObjectName name, string fill) : Table(name)
{
    public override void WriteCreateStatement(Migrator migrator, TextWriter writer)
    {
        base.WriteCreateStatement(migrator, writer);
        writer.WriteLine(fill);
    }
}
