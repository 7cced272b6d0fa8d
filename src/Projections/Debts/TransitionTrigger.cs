using System.Data.Common;
using Weasel.Core;
using Weasel.Postgresql.Triggers;

namespace Sanzi.Projections.Debts;

/// <summary>
/// A statement trigger that sees the rows its statement wrote as a transition table named <c>changed</c> (<c>REFERENCING
/// <paramref name="transition"/> TABLE</c>: NEW for inserts and updates, OLD for deletes), so a COPY of a hundred thousand rows
/// costs one call. Weasel's <see cref="Trigger"/> writes no REFERENCING clause; this one writes it and compares it with what
/// PostgreSQL reports, so an unchanged trigger is left alone.
/// </summary>
public sealed class TransitionTrigger(string name, string target, string functionCall, string transition) : Trigger(name, target, functionCall)
{
    public override void WriteCreateStatement(Migrator migrator, TextWriter writer)
    {
        WriteDropStatement(migrator, writer);
        writer.WriteLine(Statement() + ";");
    }

    public override async Task<ISchemaObjectDelta> CreateDeltaAsync(DbDataReader reader, CancellationToken ct = default)
    {
        var existing = await reader.ReadAsync(ct) && !await reader.IsDBNullAsync(0, ct) ? await reader.GetFieldValueAsync<string>(0, ct) : null;
        var difference = existing is null ? SchemaPatchDifference.Create
            : NormalizeBody(existing) == NormalizeBody(Statement()) ? SchemaPatchDifference.None : SchemaPatchDifference.Update;
        return new SchemaObjectDelta(this, difference);
    }

    /// <summary>As <c>pg_get_triggerdef</c> writes it.</summary>
    private string Statement() =>
        $"CREATE TRIGGER {Identifier.Name} {TimingKeyword()} {EventList(" OR ")} ON {Target.QualifiedName} REFERENCING {transition} TABLE AS changed " +
        $"FOR EACH STATEMENT EXECUTE FUNCTION {Body}";
}
