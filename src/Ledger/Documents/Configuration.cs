using JasperFx.Events.Projections;
using Marten;

namespace Sanzi.Ledger.Documents;

public static class Configuration
{
    public static void AddDocuments(this StoreOptions options)
    {
        options.Events.AddEventTypes([typeof(DocumentUploaded), typeof(DocumentsAttached)]);
        options.Projections.Snapshot<StoredDocument>(SnapshotLifecycle.Inline);
        options.Schema.For<StoredDocument>().Index(x => x.Sha256);
    }
}
