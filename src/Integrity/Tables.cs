namespace Sanzi.Integrity;

/// <summary>The qualified names the integrity slice reads and writes, in the event store's schema.</summary>
public sealed class Tables(string schema)
{
    public const string HashesTable = "integrity_event_hashes";
    public const string SealsTable = "integrity_seals";

    public string Events => $"{schema}.mt_events";
    public string Hashes => $"{schema}.{HashesTable}";
    public string Seals => $"{schema}.{SealsTable}";
    public string Sequence => $"{schema}.mt_events_sequence";
}
