using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alba;
using Sanzi.Api.Identity;
using Sanzi.Tests.Support;
using Shouldly;

namespace Sanzi.Tests.Security;

/// <summary>
/// What an attacker or a careless client sends, at every write endpoint: broken JSON, wrong types, nulls inside
/// lists, NUL and control characters in any string (the idempotency key too), over-long strings and lists, decimal
/// extremes, fractions of a fen, impossible dates, unknown enum names, duplicate keys, the all-zero id. Each answer is
/// a 4xx ProblemDetails naming the field; none is a 500; no event is written.
/// </summary>
public class HostileInputTests(LedgerFixture fixture)
{
    private readonly LedgerApi _api = new(fixture.Host);
    private static readonly SemaphoreSlim Once = new(1);
    private static Targets? _targets;

    private static readonly HashSet<string> Money =
        ["amount", "originalValue", "accumulatedDepreciation", "proceeds", "openingBalance", "annualRent", "maxAmount", "verifiedValue", "correctedValue"];

    private static readonly HashSet<string> Enums =
    [
        "category", "ownership", "landType", "kind", "holder", "side", "counterpartyType", "payeeType", "payerType", "contractorType",
        "how", "result", "outcome", "body", "meeting", "scope", "mode", "role",
    ];

    private static readonly HashSet<string> Dates = ["acquiredOn", "approvedOn", "plannedFreezeDate", "businessDate", "heldOn", "from", "to", "snapshotDate", "asOf"];

    /// <summary>A well-formed body for each write, as the README shows it.</summary>
    public static TheoryData<string, string> Writes => new()
    {
        { "/api/reforms", """{"idempotencyKey":"k","title":"青山镇并入临河镇","approvalDocument":"赣府字〔2026〕18号","approvedOn":"2026-11-01","plannedFreezeDate":"2026-11-30","mode":"fullMerger","noticeDays":7,"predecessors":[{"code":"{fresh}","name":"青山镇"}],"successors":[{"code":"{fresh2}","name":"临河镇"}]}""" },
        { "/api/reforms/{id}/resolutions", """{"idempotencyKey":"k","unitCode":"{code}","meeting":"villagers","heldOn":"2026-11-10","document":"村民会议决议〔2026〕1号"}""" },
        { "/api/reforms/{id}/exceptions", """{"idempotencyKey":"k","unitCode":"{code}","scope":"payment","maxAmount":1000,"approver":"县财政局局长","document":"财特批〔2026〕3号","reason":"五保户供养金"}""" },
        { "/api/reforms/{id}/freeze", """{"idempotencyKey":"k","document":"临政发〔2026〕40号"}""" },
        { "/api/units/{code}/debt-lock", """{"idempotencyKey":"k","asOf":"2026-11-30"}""" },
        { "/api/units/{code}/assets", """{"idempotencyKey":"k","itemCode":"QS-GD-0001","ownership":"state","category":"vehicle","name":"皮卡车","quantity":1,"measureUnit":"辆","originalValue":86000,"accumulatedDepreciation":20000,"acquiredOn":"2019-05-01","location":"镇政府大院","keeper":"综合办","titleDocument":"赣C-12345"}""" },
        { "/api/units/{code}/resources", """{"idempotencyKey":"k","landType":"cropland","name":"北洼耕地","areaMu":120.5,"location":"村北","boundaries":"东至河 南至路 西至山 北至渠"}""" },
        { "/api/units/{code}/fund-accounts", """{"idempotencyKey":"k","kind":"bank","name":"基本户","bankName":"临河农商银行","accountNumber":"6228000001","holder":"collective","openingBalance":120000}""" },
        { "/api/units/{code}/debts", """{"idempotencyKey":"k","side":"liability","kind":"loan","counterparty":"县农商银行","counterpartyType":"outsideUnit","amount":50000,"document":"借款合同〔2024〕1号"}""" },
        { "/api/units/{code}/inventory/surplus", """{"idempotencyKey":"k","category":"machinery","name":"拖拉机","quantity":1,"measureUnit":"台","verifiedValue":12000,"location":"农机棚","reason":"2019 年购置未入账"}""" },
        { "/api/units/{code}/inventory/close", """{"idempotencyKey":"k","snapshotDate":"2026-11-30"}""" },
        { "/api/units/{code}/notice", """{"idempotencyKey":"k","places":["村务公开栏","县农村集体三资管理平台"],"objectionsTo":"镇三资委托代理服务中心"}""" },
        { "/api/units/{code}/objections", """{"idempotencyKey":"k","raisedBy":"村民代表刘某","itemId":"{asset}","text":"办公楼评估价偏低"}""" },
        { "/api/units/{code}/objections/{objectionId}/resolution", """{"idempotencyKey":"k","outcome":"upheld","reason":"复核属实","correctedValue":355000}""" },
        { "/api/units/{code}/notice/confirmation", """{"idempotencyKey":"k","body":"membersRepresentatives","heldOn":"2026-12-08","document":"成员代表大会决议〔2026〕2号"}""" },
        { "/api/units/{code}/handover", """{"idempotencyKey":"k","parties":[{"role":"handingOver","name":"李建国","post":"原村委会主任"},{"role":"receiving","name":"王志强","post":"新村委会主任"},{"role":"supervising","name":"赵明","post":"镇纪委书记"}],"archives":["会计凭证 2018-2026"],"seals":["村民委员会印章"]}""" },
        { "/api/units/{code}/handover/signatures", """{"idempotencyKey":"k","role":"supervising"}""" },
        { "/api/assets/{id}/disposal", """{"idempotencyKey":"k","method":"sale","proceeds":20000,"resolutionReference":"村民代表会议决议〔2026〕3号","reason":"老旧","recipient":"县旧机动车交易市场"}""" },
        { "/api/resources/{id}/contracts", """{"idempotencyKey":"k","contractor":"种粮大户张某","contractorType":"individual","contractNumber":"承包〔2024〕8号","from":"2024-01-01","to":"2033-12-31","annualRent":36000}""" },
        { "/api/fund-accounts/{id}/receipts", """{"idempotencyKey":"k","amount":30000,"payer":"县财政局","payerType":"outsideUnit","purpose":"运转经费","accountCode":"522","voucherNumber":"收-12"}""" },
        { "/api/fund-accounts/{id}/payments", """{"idempotencyKey":"k","amount":1200,"payeeName":"县印刷厂","payeeType":"outsideUnit","purpose":"印制公示材料","accountCode":"541","voucherNumber":"记-7","approval":{"approver":"村委会主任","document":"四议两公开〔2026〕5号","approvedAt":"2026-11-05T02:00:00Z"}}""" },
        { "/api/fund-accounts/{id}/transfers", """{"idempotencyKey":"k","toAccountId":"0f8fad5b-d9cb-469f-a165-70867728950e","kind":"withdrawal","amount":2000,"voucherNumber":"记-9","purpose":"备用金"}""" },
        { "/api/debts/{id}/increases", """{"idempotencyKey":"k","amount":1000,"reason":"追加工程款","document":"补充协议"}""" },
        { "/api/debts/{id}/reductions", """{"idempotencyKey":"k","amount":300,"how":"collection","document":"收-13"}""" },
        { "/api/items/{id}/count", """{"idempotencyKey":"k","result":"adjusted","verifiedValue":350000,"reason":"评估减值: 屋面漏水"}""" },
    };

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task Every_hostile_body_is_a_4xx_naming_the_field_and_writes_nothing(string route, string template)
    {
        var t = await TargetsAsync();
        var url = t.Fill(route);
        var actor = "敌意-" + Sample.Key()[..8];
        var body = template.Replace("{code}", t.Village).Replace("{asset}", t.Asset.ToString())
            .Replace("{fresh}", Sample.TownshipCode()).Replace("{fresh2}", Sample.TownshipCode());
        var cases = Cases(JsonNode.Parse(body)!.AsObject()).ToList();
        cases.Count.ShouldBeGreaterThan(10);

        foreach (var (name, json, field, status) in cases)
        {
            var (answer, problem) = await Send(url, json, actor, Roles.All.First(r => AccessTable.Match("POST", url)!.Roles.Contains(r)));
            answer.ShouldBe(status, $"{name} at POST {route}: {problem}");
            problem.ShouldNotBeNull($"{name} at POST {route} answered no ProblemDetails");
            var errors = problem.Value.TryGetProperty("errors", out var e) ? e.EnumerateObject().Select(p => p.Name).ToList() : [];
            errors.ShouldContain(field, $"{name} at POST {route} should name {field}: {problem}");
        }

        (await _api.EventsBy(actor)).ShouldBe(0);

        // The unmutated body is refused, if at all, for the state of the books, never for its shape.
        var (baseline, baselineProblem) = await Send(url, body, "正常-" + actor, AccessTable.Match("POST", url)!.Roles[0]);
        baseline.ShouldBeOneOf([200, 201, 404, 409], $"the well-formed body at POST {route}: {baselineProblem}");
    }

    [Fact]
    public async Task A_reform_with_a_NUL_in_its_title_is_a_400_and_the_next_reform_is_declared_as_usual()
    {
        var actor = "敌意-" + Sample.Key()[..8];
        var reform = JsonSerializer.SerializeToNode(Sample.Reform(Sample.TownshipCode(), Sample.TownshipCode()))!;
        reform["title"] = "青山镇\u0000并入临河镇";
        var problem = await _api.PostRaw("/api/reforms", reform.ToJsonString(), 400, actor);
        problem.GetProperty("errors").GetProperty("title")[0].GetString()!.ShouldContain("control characters");
        (await _api.EventsBy(actor)).ShouldBe(0);

        await _api.Post("/api/reforms", Sample.Reform(Sample.TownshipCode(), Sample.TownshipCode()), 201);
    }

    [Theory]
    [InlineData("originalValue", "\"多\"", "must be a number")]
    [InlineData("acquiredOn", "\"去年\"", "must be a date that exists, as yyyy-MM-dd")]
    [InlineData("ownership", "\"公家\"", "must be one of:")]
    public async Task A_value_of_the_wrong_type_in_an_optional_field_is_named_by_what_the_field_holds(string field, string value, string rule)
    {
        var asset = JsonSerializer.SerializeToNode(Sample.Vehicle())!;
        asset[field] = JsonNode.Parse(value);
        var problem = await _api.PostRaw($"/api/units/{Sample.VillageCode()}/assets", asset.ToJsonString(), 400);
        problem.GetProperty("errors").GetProperty(field)[0].GetString()!.ShouldStartWith(rule);
    }

    [Theory]
    [InlineData("/api/units/%07/assets", "code")]
    [InlineData("/api/assets/00000000-0000-0000-0000-000000000000/disposal", "id")]
    public async Task A_control_character_or_the_all_zero_id_in_the_address_is_a_400_naming_it(string url, string field) =>
        (await _api.PostRaw(url, """{"idempotencyKey":"k"}""", 400)).GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue();

    [Fact]
    public async Task A_control_character_in_a_read_filter_is_a_400_naming_it()
    {
        (await _api.Get("/api/trace/counterparties/a%1Bb", 400, role: Roles.Inspector)).GetProperty("errors").TryGetProperty("name", out _).ShouldBeTrue();
        (await _api.Get("/api/audit?actor=a%00b", 400, role: Roles.Inspector)).GetProperty("errors").TryGetProperty("actor", out _).ShouldBeTrue();
    }

    /// <summary>Each hostile variant of a well-formed body: its name, the JSON, the field the answer must name, the status.</summary>
    private static IEnumerable<(string Name, string Json, string Field, int Status)> Cases(JsonObject valid)
    {
        var json = valid.ToJsonString();
        yield return ("malformed JSON", json[..^3], "body", 400);
        yield return ("a null body", "null", "body", 400);
        yield return ("a list for a body", "[]", "body", 400);
        yield return ("an empty body", "", "body", 400);
        yield return ("trailing garbage", json + "{", "body", 400);
        yield return ("the key given twice", "{\"idempotencyKey\":\"a\"," + json[1..], "idempotencyKey", 400);
        yield return ("NUL in the idempotency key", With(valid, "idempotencyKey", "k\u0000"), "idempotencyKey", 400);
        yield return ("a 10 MB string", With(valid, "idempotencyKey", new string('x', 10 * 1024 * 1024)), "body", 413);
        yield return ("a huge list", With(valid, "idempotencyKey", new JsonArray([.. Enumerable.Range(0, 300_000).Select(i => (JsonNode)i)])), "body", 413);
        yield return ("a list over the cap", With(valid, "extra", new JsonArray([.. Enumerable.Range(0, 1001).Select(i => (JsonNode)"x")])), "extra", 400);
        yield return ("nesting too deep", With(valid, "extra", Deep(40)), "body", 400);
        yield return ("a wrong control character", With(valid, "idempotencyKey", "k\u001b[31m"), "idempotencyKey", 400);

        foreach (var (path, value) in Leaves(valid, ""))
        {
            var name = path.Split('.', '[')[^1];
            if (value is JsonValue v && v.TryGetValue<string>(out _))
            {
                yield return ($"NUL in {path}", Set(valid, path, "a\u0000b"), path, 400);
                yield return ($"a BEL in {path}", Set(valid, path, "a\u0007b"), path, 400);
                yield return ($"a lone surrogate in {path}", SetRaw(valid, path, "\"a\\ud800b\""), path, 400);
                yield return ($"5,000 characters in {path}", Set(valid, path, new string('长', 5000)), path, 400);
                yield return ($"the all-zero id in {path}", Set(valid, path, Guid.Empty.ToString()), path, 400);
                yield return ($"a list with nulls for {path}", Set(valid, path, new JsonArray(null, null, null)), $"{path}[0]", 400);
                if (Enums.Contains(name)) yield return ($"an unknown {path}", Set(valid, path, "spaceship"), path, 400);
                if (Dates.Contains(name)) yield return ($"an impossible {path}", Set(valid, path, "2026-02-30"), path, 400);
                if (name != "idempotencyKey" && !Enums.Contains(name) && !Dates.Contains(name) && !path.Contains('['))
                    yield return ($"a number for {path}", Set(valid, path, 12), path, 400);
            }
            else if (value is JsonValue n && n.TryGetValue<decimal>(out _))
            {
                yield return ($"decimal.MaxValue in {path}", SetRaw(valid, path, decimal.MaxValue.ToString()), path, 400);
                yield return ($"-decimal.MaxValue in {path}", SetRaw(valid, path, "-" + decimal.MaxValue), path, 400);
                yield return ($"1e400 in {path}", SetRaw(valid, path, "1e400"), path, 400);
                yield return ($"text in {path}", Set(valid, path, "lots"), path, 400);
                if (Money.Contains(name)) yield return ($"a fraction of a fen in {path}", Set(valid, path, 0.001m), path, 400);
            }
            else if (value is JsonArray)
            {
                yield return ($"nulls inside {path}", Set(valid, path, new JsonArray(null, null, null)), $"{path}[0]", 400);
                yield return ($"[null] for {path}", Set(valid, path, new JsonArray(new JsonNode?[] { null })), $"{path}[0]", 400);
            }
        }
    }

    private static IEnumerable<(string Path, JsonNode? Value)> Leaves(JsonNode node, string path)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, child) in o)
                    foreach (var leaf in child is null ? [] : Leaves(child, path.Length == 0 ? key : $"{path}.{key}")) yield return leaf;
                break;
            case JsonArray a:
                yield return (path, a);
                if (a.Count > 0 && a[0] is { } first)
                    foreach (var leaf in Leaves(first, $"{path}[0]")) yield return leaf;
                break;
            default:
                yield return (path, node);
                break;
        }
    }

    private static JsonNode Deep(int depth) => depth == 0 ? JsonValue.Create(1) : new JsonArray(new JsonNode?[] { Deep(depth - 1) });

    private static string With(JsonObject valid, string key, JsonNode? value)
    {
        var copy = valid.DeepClone().AsObject();
        copy[key] = value;
        return copy.ToJsonString();
    }

    /// <summary>The body with the value at a path like <c>parties[0].name</c> or <c>approval.approvedAt</c> replaced.</summary>
    private static string Set(JsonObject valid, string path, JsonNode? value)
    {
        var copy = valid.DeepClone();
        var segments = path.Replace("[", ".[").Split('.');
        JsonNode parent = copy;
        foreach (var segment in segments[..^1]) parent = segment.StartsWith('[') ? parent[int.Parse(segment[1..^1])]! : parent[segment]!;
        var last = segments[^1];
        if (last.StartsWith('[')) parent[int.Parse(last[1..^1])] = value;
        else parent[last] = value;
        return copy.ToJsonString();
    }

    /// <summary>As <see cref="Set"/> with the JSON written as given: numbers beyond <see cref="decimal"/>, escapes JsonNode would repair.</summary>
    private static string SetRaw(JsonObject valid, string path, string json) =>
        Set(valid, path, "\u0001RAW\u0001").Replace("\"\\u0001RAW\\u0001\"", json);

    private async Task<(int Status, JsonElement? Problem)> Send(string url, string json, string actor, string role)
    {
        var result = await fixture.Host.Scenario(s =>
        {
            s.Post.ByteArray(Encoding.UTF8.GetBytes(json)).ToUrl(url);
            s.WithRequestHeader("Content-Type", "application/json");
            s.WithRequestHeader("Authorization", "Bearer " + _api.Token(actor, role));
            s.IgnoreStatusCode();
        });
        var text = await result.ReadAsTextAsync();
        var problem = result.Context.Response.ContentType?.StartsWith("application/problem+json") == true
            ? JsonDocument.Parse(text).RootElement.Clone()
            : (JsonElement?)null;
        return (result.Context.Response.StatusCode, problem);
    }

    private async Task<Targets> TargetsAsync()
    {
        await Once.WaitAsync();
        try
        {
            return _targets ??= await Targets.CreateAsync(_api);
        }
        finally
        {
            Once.Release();
        }
    }
}
