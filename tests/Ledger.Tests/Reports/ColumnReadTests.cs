using System.IO.Pipelines;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Sanzi.Ledger.Common;
using Sanzi.Projections.Catalog;
using Sanzi.Projections.Debts;
using Sanzi.Projections.Reports;
using Sanzi.Tests.Support;
using Shouldly;

namespace Sanzi.Tests.Reports;

/// <summary>
/// The catalog and the debt register of now are read as columns PostgreSQL picks out of the kept rows, not as whole row
/// documents: after a whole merger (a shortage, a surplus, the debt lock, the handover) they are the
/// very bytes that folding every row document gives, for the old units and the new.
/// </summary>
public class ColumnReadTests(LedgerFixture fixture)
{
    private readonly LedgerApi _api = new(fixture.Host);

    [Fact]
    public async Task The_catalog_and_the_debt_register_read_as_columns_are_what_the_row_documents_and_the_events_say()
    {
        var m = await VillageMerger.Run(_api);
        var store = fixture.Host.Services.GetRequiredService<IDocumentStore>();
        var ct = TestContext.Current.CancellationToken;
        await using var session = store.QuerySession();

        foreach (var code in new[] { m.East.Code, m.West.Code, m.Merged.Code })
        {
            var folded = CatalogReport.Build(await UnitRecords.LoadAsync(session, code, ReportTime.Now, ct));
            var columns = await CatalogLines.LoadAsync(session, code, null, ct);
            Json(columns).ShouldBe(Json(folded), code);
            ReportFiles.Csv(columns).Content.ShouldBe(ReportFiles.Csv(folded).Content, code);
            columns.Items.ShouldNotBeEmpty(code);
            // Written as the lines arrive, the answer is the serializer's and the CSV's bytes.
            (await Streamed(CatalogWriter.JsonAsync, session, code)).ShouldBe(JsonSerializer.SerializeToUtf8Bytes(folded, LedgerJson.Answers), code);
            (await Streamed(CatalogWriter.CsvAsync, session, code)).ShouldBe(ReportFiles.Csv(folded).Content, code);
        }

        var east = await CatalogLines.LoadAsync(session, m.East.Code, null, ct);
        east.Items.ShouldContain(l => l.Status == "handedOver" && l.StatusText.Contains("和平村"));

        // Known now, replayed from the events: the register by its other road, for the units whose own streams hold their locks.
        var replayedNow = new ReportTime(null, null, SystemClock.Instance.GetCurrentInstant());
        foreach (var code in new[] { m.East.Code, m.West.Code })
        {
            var kept = await DebtRegisterReport.LoadAsync(session, code, ReportTime.Now, null, ct);
            var replayed = await DebtRegisterReport.LoadAsync(session, code, replayedNow, null, ct);
            Json(kept with { KnownAt = null }).ShouldBe(Json(replayed with { KnownAt = null }), code);
            kept.Counterparties.SelectMany(c => c.Lines).ShouldContain(l => l.LockedBalance != null, code);
        }

        // Copied from the lines the documents keep printed, the register of now is the serializer's bytes of the report built from its lines.
        foreach (var code in new[] { m.East.Code, m.West.Code, m.Merged.Code })
        {
            var built = await DebtRegisterReport.LoadAsync(session, code, ReportTime.Now, null, ct);
            built.Counterparties.ShouldNotBeEmpty(code);
            var register = (await DebtRegisterWriter.OpenAsync(session, code, null, ct)).ShouldNotBeNull(code);
            (await Piped(body => register.JsonAsync(body, ct))).ShouldBe(JsonSerializer.SerializeToUtf8Bytes(built, LedgerJson.Answers), code);
        }

        // The new village shows each line under the lock its old village took, and what moved since, as the line's document has them.
        var merged = await DebtRegisterReport.LoadAsync(session, m.Merged.Code, ReportTime.Now, null, ct);
        var lines = merged.Counterparties.SelectMany(c => c.Lines).ToList();
        lines.ShouldNotBeEmpty();
        var documents = (await session.LoadManyAsync<DebtLine>(ct, lines.Select(l => l.ItemId))).ToDictionary(d => d.Id);
        foreach (var line in lines)
        {
            var document = documents[line.ItemId];
            var locked = document.LockFor(m.Merged.Code).ShouldNotBeNull();
            (line.LockedAsOf, line.LockedBalance, line.CurrentBalance).ShouldBe((locked.AsOf, locked.Balance, document.Balance));
            Json(line.MovementsSinceLock).ShouldBe(Json(document.Movements.Skip(locked.MovementsBefore).ToList()));
        }
    }

    private static async Task<byte[]> Streamed(Func<CatalogLines, IQuerySession, PipeWriter, CancellationToken, Task> write, IQuerySession session, string code)
    {
        var ct = TestContext.Current.CancellationToken;
        var lines = await CatalogLines.OpenAsync(session, code, null, ct);
        return await Piped(body => write(lines, session, body, ct));
    }

    /// <summary>What a writer sends into a response's pipe, as the client receives it.</summary>
    private static async Task<byte[]> Piped(Func<PipeWriter, Task> write)
    {
        using var body = new MemoryStream();
        var pipe = PipeWriter.Create(body, new StreamPipeWriterOptions(leaveOpen: true));
        await write(pipe);
        await pipe.CompleteAsync();
        return body.ToArray();
    }

    private static string Json(object report) => JsonSerializer.Serialize(report, report.GetType(), LedgerJson.Options);
}
