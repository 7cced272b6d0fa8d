using System.Text;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Sanzi.Integrity;
using Sanzi.Ledger.Items;
using Sanzi.Projections.Imports;
using Sanzi.Tests.Support;
using Shouldly;

namespace Sanzi.Tests.Imports;

/// <summary>The import's COPY path writes events that the chain, the seal, the audit trail and any reader take for a command's.</summary>
public class BulkImportTests(LedgerFixture fixture)
{
    private readonly LedgerApi _api = new(fixture.Host);

    private const string AssetHeader = "资产编号,权属,资产类别,资产名称,规格型号,数量,计量单位,原值,累计折旧,取得日期,坐落,保管人,权属证书";

    private static byte[] Assets(int count) => Encoding.UTF8.GetBytes(string.Join("\r\n",
        [AssetHeader, .. Enumerable.Range(1, count).Select(n => $"BG-{n:D4},集体,固定资产-办公设备及家具,办公桌{n},1.2米,1,张,1200,0,2019-05-01,村部,张三,")]) + "\r\n");

    [Fact]
    public async Task Imported_events_are_hashed_sealed_verified_and_audited_like_a_commands()
    {
        fixture.Host.Services.GetRequiredService<BulkImportWriter>().Covers.ShouldBeTrue("the test ledger's imports take the COPY path");
        var code = Sample.TownshipCode();
        await _api.Post("/api/reforms", Sample.Reform(code, Sample.TownshipCode()), 201);
        var commanded = (await _api.Post($"/api/units/{code}/assets", Sample.Vehicle(originalValue: 1_234.50m), 201)).GetProperty("itemId").GetGuid();

        var imported = await _api.PostFile($"/api/units/{code}/imports?table=assets", Assets(40), 200);

        imported.GetProperty("written").GetInt32().ShouldBe(40);
        await _api.CaughtUp();
        var audit = await _api.Get($"/api/audit?unit={code}&type=assetRegistered&limit=100", role: Sanzi.Api.Identity.Roles.Inspector);
        audit.GetProperty("entries").GetArrayLength().ShouldBe(41);
        await fixture.Host.Services.GetRequiredService<IntegrityChain>().SealAsync();
        var (summary, problems) = await _api.Verify();
        problems.ShouldBeEmpty();
        summary.GetProperty("ok").GetBoolean().ShouldBeTrue();

        // Metadata, type names, stream type and the snapshots' revisions as the session path writes them, so Marten and every reader load them alike.
        await using var session = fixture.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var shapes = await session.QueryAsync<string>("""
            select concat_ws('|', e.type, e.mt_dotnet_type, e.tenant_id, e.headers::text is not null, e.is_archived, s.type, s.version, h.seq_id is not null,
              i.mt_version, i.mt_dotnet_type, c.mt_version, c.mt_dotnet_type)
            from ledger.mt_events e join ledger.mt_streams s on s.id = e.stream_id left join ledger.integrity_event_hashes h on h.seq_id = e.seq_id
              left join ledger.mt_doc_item i on i.id = e.stream_id left join ledger.mt_doc_catalogrow c on c.id = e.stream_id
            where e.stream_id = ? or e.stream_id in (select id from ledger.mt_doc_catalogrow where data -> 'item' ->> 'unitCode' = ?)
            group by 1
            """, commanded, code);
        shapes.ShouldHaveSingleItem();
    }

    private static byte[] LoansToOutsiders(int count) => Encoding.UTF8.GetBytes(string.Join("\r\n",
        ["编号,权属,债权债务,类别,对方单位或个人,对方类型,金额,到期日,依据文件",
            .. Enumerable.Range(1, count).Select(n => $"JK-{n:D4},集体,债权,应收款,邻村老板{n},个人,{1000 + n},2027-12-31,借条{n}")]) + "\r\n");

    /// <summary>
    /// One import commit of more events than the daemon's batch (50 in the tests): the inspection carries the first batches'
    /// events without judging them and judges the commit whole with the last, so every imported loan to an outsider after
    /// the plan is one lead and every event one audit row.
    /// </summary>
    [Fact]
    public async Task An_import_larger_than_the_daemons_batch_is_audited_and_judged_whole()
    {
        var code = Sample.TownshipCode();
        await _api.Post("/api/reforms", Sample.Reform(code, Sample.TownshipCode()), 201);

        (await _api.PostFile($"/api/units/{code}/imports?table=debts", LoansToOutsiders(130), 200)).GetProperty("written").GetInt32().ShouldBe(130);

        await _api.CaughtUp();
        var audit = await _api.Get($"/api/audit?unit={code}&type=debtRecorded&limit=200", role: Sanzi.Api.Identity.Roles.Inspector);
        audit.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("counterparty").GetString()).Distinct().Count().ShouldBe(130);
        var leads = (await _api.Get($"/api/leads?unit={code}", role: Sanzi.Api.Identity.Roles.Inspector)).EnumerateArray().ToList();
        leads.Select(l => l.GetProperty("rule").GetString()).Distinct().ShouldBe(["loanToOutsider"]);
        leads.Select(l => l.GetProperty("counterparty").GetString()).Distinct().Count().ShouldBe(130);
    }

    /// <summary>
    /// Imported debts are in the kept register with their printed lines, so the register of now is copied from them (not
    /// built line by line), and it is the serializer's bytes of the register built from the line documents.
    /// </summary>
    [Fact]
    public async Task Imported_debts_are_answered_from_the_kept_register()
    {
        var code = Sample.TownshipCode();
        await _api.Post("/api/reforms", Sample.Reform(code, Sample.TownshipCode()), 201);
        (await _api.PostFile($"/api/units/{code}/imports?table=debts", LoansToOutsiders(20), 200)).GetProperty("written").GetInt32().ShouldBe(20);

        var store = fixture.Host.Services.GetRequiredService<Marten.IDocumentStore>();
        var ct = TestContext.Current.CancellationToken;
        await using var session = store.QuerySession();
        (await session.QueryAsync<int>($"select count(*)::int from ledger.{Sanzi.Projections.Debts.DebtRegisterTable.LinesTable} where unit_code = ? and json is not null",
            ct, code)).Single().ShouldBe(20);
        (await Sanzi.Projections.Debts.DebtRegisterWriter.OpenAsync(session, code, null, ct)).ShouldNotBeNull("the register is copied from its kept lines");
        var built = await Sanzi.Projections.Debts.DebtRegisterReport.LoadAsync(session, code, Sanzi.Projections.Reports.ReportTime.Now, null, ct);
        (await _api.Download($"/api/units/{code}/debts")).Body.ShouldBe(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(built, Sanzi.Ledger.Common.LedgerJson.Answers));
    }

    /// <summary>PostgreSQL hashes what the writers store; the verifier hashes the text it reads: escapes, quotes and characters outside the BMP included.</summary>
    [Fact]
    public async Task Text_that_json_escapes_is_hashed_by_the_writer_as_the_verifier_reads_it()
    {
        var code = Sample.TownshipCode();
        await _api.Post("/api/reforms", Sample.Reform(code, Sample.TownshipCode()), 201);
        var awkward = "\"办公桌 \"\"甲\"\" \\ <b>&+'😀\t\r\n第二行\"";
        var csv = Encoding.UTF8.GetBytes($"{AssetHeader}\r\nBG-0001,集体,固定资产-办公设备及家具,{awkward},1.2米,1,张,1200.50,0,2019-05-01,村部,张三,\r\n");

        (await _api.PostFile($"/api/units/{code}/imports?table=assets", csv, 200)).GetProperty("written").GetInt32().ShouldBe(1);

        var (summary, problems) = await _api.Verify();
        problems.ShouldBeEmpty();
        summary.GetProperty("ok").GetBoolean().ShouldBeTrue();
        await using var session = fixture.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        (await session.ItemsOfUnitAsync(code, CancellationToken.None)).Single().Name.ShouldBe("办公桌 \"甲\" \\ <b>&+'😀\t\r\n第二行");
    }
}
