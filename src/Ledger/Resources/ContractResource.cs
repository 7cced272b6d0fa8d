using NodaTime;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Items;
using Sanzi.Ledger.Units;

namespace Sanzi.Ledger.Resources;

/// <summary>A unit lets a resource by contract or lease (承包/租赁). After the freeze a new letting is a transfer and is refused.</summary>
public sealed record ContractResource(
    string IdempotencyKey,
    string Contractor,
    HolderType ContractorType,
    string ContractNumber,
    LocalDate From,
    LocalDate To,
    decimal AnnualRent,
    LocalDate? BusinessDate,
    string? CorrectionReason) : ILedgerCommand
{
    /// <summary>The body as sent.</summary>
    public sealed record Request(
        string? IdempotencyKey,
        string? Contractor,
        HolderType? ContractorType,
        string? ContractNumber,
        LocalDate? From,
        LocalDate? To,
        decimal? AnnualRent,
        LocalDate? BusinessDate,
        string? CorrectionReason = null) : ICommandRequest<ContractResource>
    {
        public ContractResource Validate()
        {
            new Rules()
                .IdempotencyKey(IdempotencyKey)
                .Required(Contractor, "contractor", 100)
                .OneOf(ContractorType, "contractorType")
                .Required(ContractNumber, "contractNumber", 100)
                .Check(From is not null, "from", "is required")
                .Check(To is not null, "to", "is required")
                .Check(From is null || To is null || To > From, "to", "must be after from")
                .Amount(AnnualRent, "annualRent")
                .ThrowIfBroken();
            return new(IdempotencyKey!, Contractor!, ContractorType!.Value, ContractNumber!, From!.Value, To!.Value, AnnualRent!.Value,
                BusinessDate, CorrectionReason);
        }
    }

    public ResourceContracted Decide(UnitBook unit, Item resource, Stamp stamp)
    {
        if (resource.Kind != ItemKind.Resource) throw Refused.Conflict($"Item {resource.ItemCode} is not a resource.");
        unit.EnsureNewItemAllowed(stamp, "letting a resource");
        return new ResourceContracted(resource.Id, unit.Code, Contractor, ContractorType, ContractNumber, From, To, AnnualRent, stamp);
    }
}
