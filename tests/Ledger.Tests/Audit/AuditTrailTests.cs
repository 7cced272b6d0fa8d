using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Sanzi.Projections.Audit;
using Sanzi.Tests.Support;
using Shouldly;

namespace Sanzi.Tests.Audit;

public class AuditTrailTests(LedgerFixture fixture)
{
    private readonly LedgerApi _api = new(fixture.Host);

    private Task<JsonElement> Pay(Guid account, decimal amount, string payee, Dictionary<string, string>? headers = null) =>
        _api.Post($"/api/fund-accounts/{account}/payments", new
        {
            idempotencyKey = Sample.Key(), amount, payeeName = payee, payeeType = "outsideUnit", purpose = "办公用品", accountCode = "541",
            voucherNumber = "记-88", approval = new { approver = "主任", document = "审批单〔2026〕7号", approvedAt = "2026-01-05T02:00:00Z" },
        }, 200, "张敏", headers);

    /// <summary>A township of its own, registered by declaring a reform for it.</summary>
    private async Task<Books> Unit()
    {
        var books = new Books(_api, Sample.TownshipCode());
        await _api.Post("/api/reforms", Sample.Reform(books.Code, Sample.TownshipCode()), 201);
        return books;
    }

    [Fact]
    public async Task Each_event_shows_who_in_which_role_when_for_which_day_under_which_request_and_documents()
    {
        var books = await Unit();
        var account = await books.Account("bank", 10_000m);
        // The role comes from the token; a role typed into a header counts for nothing.
        await Pay(account, 120m, "文具店", new() { ["X-Actor-Role"] = Uri.EscapeDataString("出纳"), ["X-Correlation-ID"] = "req-42" });
        await Pay(account, 3_000m, "文具店");
        await _api.CaughtUp();

        var page = await _api.Get($"/api/audit?unit={books.Code}&type=paymentRecorded&maxAmount=500");
        var entry = page.GetProperty("entries").EnumerateArray().ShouldHaveSingleItem();
        entry.GetProperty("actor").GetString().ShouldBe("张敏");
        entry.GetProperty("role").GetString().ShouldBe("township-clerk");
        entry.GetProperty("correlationId").GetString().ShouldBe("req-42");
        entry.GetProperty("businessDate").GetString().ShouldBe(Sample.Today());
        entry.GetProperty("counterparty").GetString().ShouldBe("文具店");
        entry.GetProperty("documents").EnumerateArray().Select(d => d.GetString()).ShouldBe(["记-88", "审批单〔2026〕7号"]);

        (await _api.Get($"/api/audit?actor={Uri.EscapeDataString("张敏")}&unit={books.Code}&minAmount=1000"))
            .GetProperty("entries").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task Pages_follow_the_log_by_cursor()
    {
        var books = await Unit();
        var account = await books.Account("bank", 10_000m);
        for (var i = 0; i < 3; i++) await Pay(account, 10m + i, "文具店");
        await _api.CaughtUp();

        var payments = $"/api/audit?unit={books.Code}&type=paymentRecorded&limit=2";
        var first = await _api.Get(payments);
        first.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("amount").GetDecimal()).ShouldBe([10m, 11m]);
        var next = first.GetProperty("next").GetInt64();
        var last = await _api.Get($"{payments}&after={next}");
        last.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("amount").GetDecimal()).ShouldBe([12m]);
        last.GetProperty("next").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
    }

    /// <summary>
    /// The daemon writes a batch's audit rows in one statement (<see cref="AuditRows"/>): each filter column holds what the
    /// row's body says, as Marten's upsert would have set it, so every filter of the page finds what the page shows. The
    /// recording instant is kept to the microsecond by truncation, as Npgsql stores an instant; PostgreSQL's cast of the
    /// body's nanoseconds would round.
    /// </summary>
    [Fact]
    public async Task Each_filter_column_holds_what_the_row_says()
    {
        var books = await Unit();
        var account = await books.Account("bank", 10_000m);
        await Pay(account, 120.50m, "文具店", new() { ["X-Correlation-ID"] = "req-cols" });
        await _api.CaughtUp();

        await using var session = fixture.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        (await AuditRows.FitsAsync(session, CancellationToken.None)).ShouldBeTrue("the test ledger's audit rows take the one-statement path");
        var rows = await session.QueryAsync<string>("""
            select concat_ws('|', a.data ->> 'type', a.type = a.data ->> 'type', a.unit_code = a.data ->> 'unitCode', a.actor = a.data ->> 'actor',
              a.amount::text, a.amount = (a.data ->> 'amount')::numeric, a.recorded_at = regexp_replace(a.data ->> 'recordedAt', '(\.\d{6})\d+', '\1')::timestamptz,
              a.counterparty is not distinct from a.data ->> 'counterparty', a.correlation_id is not distinct from a.data ->> 'correlationId',
              a.mt_dotnet_type, a.mt_version is not null, a.mt_last_modified is not null)
            from ledger.mt_doc_auditentry a where a.unit_code = ? and a.type = 'paymentRecorded'
            """, books.Code);
        rows.ShouldBe([$"paymentRecorded|t|t|t|120.50|t|t|t|t|{typeof(AuditEntry).FullName}|t|t"]);
    }

    [Theory]
    [InlineData("type=nope", "type")]
    [InlineData("minAmount=abc", "minAmount")]
    [InlineData("minAmount=10&maxAmount=5", "maxAmount")]
    [InlineData("from=yesterday", "from")]
    [InlineData("unit=123", "unit")]
    [InlineData("limit=0", "limit")]
    [InlineData("after=-1", "after")]
    public async Task Malformed_filters_are_refused_naming_the_parameter(string query, string parameter) =>
        (await _api.Get($"/api/audit?{query}", 400)).GetProperty("errors").TryGetProperty(parameter, out _).ShouldBeTrue();
}
