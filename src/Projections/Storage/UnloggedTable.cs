using Weasel.Core;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Sanzi.Projections.Storage;

/// <summary>
/// A table PostgreSQL writes no WAL for and empties after a crash: scratch space whose rows matter only until the transaction
/// that reads them commits. Weasel has no such option, so the table is made unlogged right after it is created.
/// </summary>
public sealed class UnloggedTable(PostgresqlObjectName name) : Table(name)
{
    public override void WriteCreateStatement(Migrator migrator, TextWriter writer)
    {
        base.WriteCreateStatement(migrator, writer);
        writer.WriteLine($"ALTER TABLE {Identifier.QualifiedName} SET UNLOGGED;");
    }
}
