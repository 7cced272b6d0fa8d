using JasperFx;
using Marten;
using NodaTime;
using Sanzi.Api.Commands;
using Sanzi.Api.Hosting;
using Sanzi.Api.Identity;
using Sanzi.Api.Notices;
using Sanzi.Api.OpenApi;
using Sanzi.Api.Screens;
using Scalar.AspNetCore;
using Sanzi.Ledger.Common;
using Sanzi.Ledger.Documents;
using Sanzi.Ledger.Notices;
using Sanzi.Projections.Leads;
using Wolverine;
using Wolverine.Http;
using Wolverine.Persistence;

var builder = WebApplication.CreateBuilder(args);
if (string.IsNullOrEmpty(builder.Configuration["urls"]))
    builder.WebHost.UseUrls(builder.Configuration["Ledger:Url"] ?? "http://127.0.0.1:5080");

await using var database = await LedgerDatabase.TryOpenAsync(builder.Configuration, builder.Environment.ContentRootPath);
if (database is null) return 1;

var nodes = LedgerNodes.From(builder.Configuration);
builder.Services.AddLedgerStore(database.ConnectionString,
    builder.Configuration.GetSection(LeadThresholds.Section).Get<LeadThresholds>() ?? new LeadThresholds(), LedgerTenants.From(builder.Configuration), nodes);
builder.Host.UseWolverine(opts =>
{
    // Named, not guessed from the call stack: under the test runner Wolverine otherwise adopted the test assembly and found no endpoints.
    opts.ApplicationAssembly = typeof(Program).Assembly;
    // The one owner of the unit of work: Wolverine saves each command's events and receipt together.
    opts.Policies.AutoApplyTransactions();
    opts.EntityDefaults.OnMissing = OnMissing.ProblemDetailsWith404;
    // Balanced: the nodes see each other through the default database, and its leader spreads the projections' agents.
    opts.Durability.Mode = nodes.Balanced ? DurabilityMode.Balanced : DurabilityMode.Solo;
});
builder.Services.AddWolverineHttp();
builder.Services.ConfigureHttpJsonOptions(o => LedgerJson.ConfigureAnswers(o.SerializerOptions));
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ProblemMapping>();
var signingKey = SigningKey.Load(builder.Configuration, LedgerDatabase.DataDirectory(builder.Configuration, builder.Environment.ContentRootPath));
builder.Services.AddLedgerIdentity(signingKey);
builder.Services.Configure<InputLimits>(builder.Configuration.GetSection(InputLimits.Section));
builder.Services.AddSingleton<IClock>(SystemClock.Instance);
builder.Services.AddSingleton<Sanzi.Projections.Imports.BulkImportWriter>();
builder.Services.AddSingleton<Sanzi.Projections.Handovers.BulkTransfers>();
builder.Services.AddSingleton<Sanzi.Ledger.Imports.IImportWriter>(sp => sp.GetRequiredService<Sanzi.Projections.Imports.BulkImportWriter>());
builder.Services.AddSingleton<Sanzi.Ledger.Imports.Importer>();
builder.Services.Configure<NoticeRules>(builder.Configuration.GetSection(NoticeRules.Section));
if (UndocumentedEntries.Refused(builder.Configuration))
    builder.Services.ConfigureMarten(o => o.Listeners.Add(new UndocumentedEntries()));
builder.Services.AddObjectionRateLimit(builder.Configuration.GetValue("Notices:OnlineObjectionsPerHour", 5));
builder.Services.AddLedgerOpenApi();
builder.AddLedgerScreens();

var app = builder.Build();
app.Lifetime.ApplicationStarted.Register(() => StartupLine.Write(app, database, signingKey.Source));
app.UseMiddleware<SecurityHeaders>();
app.UseExceptionHandler();
app.UseRouting();
app.UseRateLimiter();
app.UseAuthentication();
app.UseMiddleware<AccessGate>();
app.UseMiddleware<InputScreen>();
app.UseRedecisionOnLostRaces();
app.MapLedgerScreens();
app.MapOpenApi();
app.MapScalarApiReference("/api/docs", o => o.WithTitle("三资账本 API").WithOpenApiRoutePattern("/openapi/{documentName}.json"));
app.MapWolverineEndpoints(http =>
{
    // "?limit=abc" is a 400 naming the parameter, never a silent default.
    http.RejectUnparseableQueryValues = true;
    http.AddParameterHandlingStrategy(new CommandParameters());
    // A database per county: the token's tenant claim picks it, else the county of the unit the route names, else the default database.
    http.TenantId.DetectWith(app.Services.GetRequiredService<LedgerTenants>());
});

if (ListenAddress.Taken(app, args) is { } taken)
{
    Console.Error.WriteLine($"Sanzi Ledger cannot start: {taken}");
    return 1;
}
var commandArguments = ListenAddress.CommandArguments(args);
// Serving needs no command runner, whose search for commands would print a line per assembly above the startup line.
if (commandArguments.Length == 0)
{
    await app.RunAsync();
    return 0;
}
// JasperFx prints a line per assembly while it looks for commands, until its static "extensions applied" latch is set;
// setting it with no extensions silences the search and changes nothing else (no extension of ours is lost).
new JasperFx.CommandLine.CommandFactory().ApplyExtensions(new ServiceCollection());
return await app.RunJasperFxCommands(commandArguments);

/// <summary>The ledger's host; public so that tests can start it in-process.</summary>
public partial class Program;
