namespace Sanzi.Projections.Leads;

/// <summary>
/// How far the inspection projection has judged: every event up to <see cref="JudgedUpTo"/>. Saved with each
/// batch, so the events of a commit the last batch ended inside are judged with the next batch even after a restart.
/// </summary>
public sealed record InspectionMark(string Id, long JudgedUpTo)
{
    public const string Key = "inspection";
}
