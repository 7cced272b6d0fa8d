using JasperFx.CommandLine;
using NodaTime;

namespace Sanzi.Api.Identity;

public sealed class TokenInput : NetCoreInput
{
    [Description("The role: reform-office, township-clerk, finance-auditor or inspector")]
    public string RoleFlag { get; set; } = "";

    [Description("A division code the person may write (repeat for several); a township code covers its villages")]
    public List<string> UnitFlag { get; set; } = [];

    [Description("The person, as events will name them, e.g. 张敏")]
    public string NameFlag { get; set; } = "";

    [Description("The county or city whose database the person works in, when the ledger keeps one per county (Ledger:Tenants)")]
    public string? TenantFlag { get; set; }

    [Description("How many hours the token is valid (default 12)")]
    public int HoursFlag { get; set; } = 12;
}

/// <summary>
/// <c>dotnet run --project src/Api -- token --role township-clerk --unit 360702101 --name 张敏</c>: prints a bearer
/// token signed with this ledger's key, for local use with curl or the demo.
/// </summary>
[Description("Issue a bearer token for a person, a role and the units they may write", Name = "token")]
public sealed class TokenCommand : JasperFxCommand<TokenInput>
{
    public override bool Execute(TokenInput input)
    {
        using var host = input.BuildHost();
        try
        {
            Console.WriteLine(host.Services.GetRequiredService<TokenIssuer>()
                .Issue(input.NameFlag, input.RoleFlag, input.UnitFlag, Duration.FromHours(input.HoursFlag), input.TenantFlag));
            return true;
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            return false;
        }
    }
}
