using NodaTime;

namespace Sanzi.Ledger.Reforms;

/// <summary>A reform (调整方案): which units merge into which, under what approval, and how far it has got.</summary>
public sealed record Reform(
    Guid Id,
    string Title,
    string ApprovalDocument,
    IReadOnlyList<Predecessor> Predecessors,
    IReadOnlyList<Successor> Successors,
    IntegrationMode Mode,
    int NoticeDays,
    IReadOnlyList<ResolutionRecorded> Resolutions,
    IReadOnlyList<ExceptionApproved> Exceptions,
    Instant? FreezeAt = null,
    bool Completed = false,
    LocalDate? ApprovedOn = null,
    RecordedAfterTheFact? AfterTheFact = null,
    bool ObjectionRound = true)
{
    /// <summary>Villages always hold an objection round after the notice; a township only when its reform asks for one.</summary>
    public static Reform Create(ReformDeclared e) =>
        new(e.ReformId, e.Title, e.ApprovalDocument, e.Predecessors, e.Successors, e.Mode, e.NoticeDays, [], [],
            ApprovedOn: e.ApprovedOn, AfterTheFact: e.AfterTheFact, ObjectionRound: e.ObjectionRound ?? e.Predecessors.Any(p => p.Code.Length == 12));

    public Reform Apply(ResolutionRecorded e) => this with { Resolutions = [.. Resolutions, e] };
    public Reform Apply(ExceptionApproved e) => this with { Exceptions = [.. Exceptions, e] };
    public Reform Apply(ReformFrozen e) => this with { FreezeAt = e.FreezeAt };
    public Reform Apply(ReformCompleted e) => this with { Completed = true };

    public bool IsFrozen => FreezeAt is not null;

    public Predecessor PredecessorOf(string code) =>
        Predecessors.FirstOrDefault(p => p.Code == code)
        ?? throw Common.Refused.Conflict($"Unit {code} is not an old unit of reform {Id}.");

    /// <summary>The meetings (四个会) an old village has not yet held; townships need none.</summary>
    public IReadOnlyList<Meeting> MissingResolutions(string code) =>
        code.Length == 12
            ? Enum.GetValues<Meeting>().Where(m => !Resolutions.Any(r => r.UnitCode == code && r.Meeting == m)).ToList()
            : [];
}
