using Weasel.Core;
using Weasel.Core.Migrations;
using Weasel.Postgresql;
using Weasel.Postgresql.Functions;

namespace Sanzi.Projections.Storage;

/// <summary>
/// A function that triggers call, replaced in place when its body changes. Weasel replaces a changed function by dropping it
/// with CASCADE, which drops every trigger that calls it, while the triggers' own comparison, made before, found them in place:
/// an upgrade that changed a kept-totals function left the totals without their TRUNCATE trigger, so a rebuild kept stale sums.
/// The signature never changes here, so <c>CREATE OR REPLACE</c> alone is the whole update.
/// </summary>
public sealed class TriggerFunction(PostgresqlObjectName name, string body) : Function(name, body)
{
    protected override ISchemaObjectDelta CreateFunctionDelta(FunctionBase? actual) => new InPlace(this, (Function?)actual);

    private sealed class InPlace(Function expected, Function? actual) : FunctionDelta(expected, actual)
    {
        public override void WriteUpdate(Migrator rules, TextWriter writer)
        {
            if (Expected.IsRemoved) base.WriteUpdate(rules, writer);
            else Expected.WriteCreateStatement(rules, writer);
        }
    }
}
