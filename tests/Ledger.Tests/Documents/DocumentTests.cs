using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Sanzi.Tests.Support;
using Shouldly;

namespace Sanzi.Tests.Documents;

/// <summary>Documents uploaded, cited by entries, and checked by verify against the digests the events hold.</summary>
public class DocumentTests(LedgerFixture fixture)
{
    private readonly LedgerApi _api = new(fixture.Host);

    /// <summary>A one-page scan as a desk scanner (高拍仪) saves it: a PDF whose bytes differ per test.</summary>
    public static byte[] Pdf(string text) => Encoding.ASCII.GetBytes($"%PDF-1.4\n% {text} {Guid.NewGuid():N}\n%%EOF\n");

    /// <summary>A PNG signature and some bytes: enough for the type check, different per test.</summary>
    public static byte[] Png() => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. Guid.NewGuid().ToByteArray()];

    public static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    [Fact]
    public async Task A_voucher_and_a_resolution_cited_by_a_payment_and_a_disposal_are_rehashed_by_verify_which_names_the_replaced_voucher()
    {
        var (host, folder) = await SeparateLedger.StartAsync("documents");
        await using var _ = host;
        var api = new LedgerApi(host);
        var books = new Books(api, Sample.TownshipCode());
        await api.Post("/api/reforms", Sample.Reform(books.Code, Sample.TownshipCode()), 201);
        var account = await books.Account("bank", 10_000m);
        var asset = await books.Asset("machinery", "抽水机", 3_000m);

        var voucherBytes = Pdf("记-7 付款凭证");
        var voucher = (await api.PostFile("/api/documents?name=记-7.pdf", voucherBytes, 201)).GetProperty("sha256").GetString()!;
        var resolution = (await api.PostFile("/api/documents", Png(), 201)).GetProperty("sha256").GetString()!;
        voucher.ShouldBe(Sha256(voucherBytes));
        // The same bytes again are the same document.
        (await api.PostFile("/api/documents", voucherBytes, 200)).GetProperty("fileName").GetString().ShouldBe("记-7.pdf");

        await api.Post($"/api/fund-accounts/{account}/payments", new
        {
            idempotencyKey = Sample.Key(), amount = 800m, payeeName = "县印刷厂", payeeType = "outsideUnit", purpose = "印制公示材料",
            accountCode = "541", voucherNumber = "记-7",
            approval = new { approver = "村委会主任", document = "四议两公开〔2026〕5号", approvedAt = "2026-01-05T02:00:00Z" },
            documents = new[] { voucher, resolution },
        }, 200);
        await api.Post($"/api/assets/{asset}/disposal", new
        {
            idempotencyKey = Sample.Key(), method = "scrap", proceeds = 0, resolutionReference = "村民代表会议决议〔2026〕3号", reason = "报废",
            documents = new[] { voucher.ToUpperInvariant(), resolution },
        }, 200);

        var clean = await Verify(api);
        clean.Summary.GetProperty("ok").GetBoolean().ShouldBeTrue(string.Join("\n", clean.Problems.Select(p => p.GetRawText())));
        clean.Summary.GetProperty("filesChecked").GetInt64().ShouldBe(2);

        var stored = Path.Combine(folder, "documents", voucher[..2], voucher);
        File.Exists(stored).ShouldBeTrue();
        await File.WriteAllBytesAsync(stored, Pdf("记-7 付款凭证 (调包)"));

        var tampered = await Verify(api);
        tampered.Summary.GetProperty("ok").GetBoolean().ShouldBeFalse();
        var problem = tampered.Problems.ShouldHaveSingleItem();
        problem.GetProperty("kind").GetString().ShouldBe("fileReplaced");
        problem.GetProperty("document").GetString().ShouldBe(voucher);

        File.Delete(stored);
        (await Verify(api)).Problems.ShouldHaveSingleItem().GetProperty("kind").GetString().ShouldBe("fileMissing");
    }

    [Fact]
    public async Task A_write_citing_a_digest_never_uploaded_is_refused_naming_the_field_and_writes_nothing()
    {
        var books = new Books(_api, Sample.TownshipCode());
        await _api.Post("/api/reforms", Sample.Reform(books.Code, Sample.TownshipCode()), 201);
        var known = (await _api.PostFile("/api/documents", Pdf("资产登记表"), 201)).GetProperty("sha256").GetString()!;

        var problem = await _api.Post($"/api/units/{books.Code}/assets",
            new { idempotencyKey = Sample.Key(), category = "vehicle", name = "皮卡车", quantity = 1, measureUnit = "辆", originalValue = 1000,
                acquiredOn = "2019-05-01", location = "村部", documents = new[] { known, Sha256(Pdf("从未上传")), "记-7" } }, 400);

        var errors = problem.GetProperty("errors");
        errors.TryGetProperty("documents[0]", out _).ShouldBeFalse();
        errors.GetProperty("documents[1]")[0].GetString()!.ShouldContain("no uploaded document");
        errors.GetProperty("documents[2]")[0].GetString()!.ShouldContain("SHA-256");
        (await _api.Get($"/api/units/{books.Code}/assets")).GetProperty("items").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task An_upload_is_typed_by_its_bytes_not_its_name_and_capped_in_size()
    {
        var renamed = await _api.PostFile("/api/documents?name=凭证.pdf", Encoding.UTF8.GetBytes("这不是PDF,只是改了扩展名"), 415);
        renamed.GetProperty("errors").GetProperty("body")[0].GetString()!.ShouldContain("PDF, JPEG, PNG or TIFF");

        var tooLarge = await _api.PostFile("/api/documents", [.. Pdf("大"), .. new byte[21 * 1024 * 1024]], 413);
        tooLarge.GetProperty("errors").GetProperty("body")[0].GetString()!.ShouldContain("Documents__MaxBytes");

        var jpeg = (byte[])[0xFF, 0xD8, 0xFF, 0xE0, .. Guid.NewGuid().ToByteArray()];
        var digest = (await _api.PostFile("/api/documents?name=收据.png", jpeg, 201)).GetProperty("sha256").GetString()!;
        var shown = await _api.Get($"/api/documents/{digest}");
        shown.GetProperty("mediaType").GetString().ShouldBe("image/jpeg");
        shown.GetProperty("bytes").GetInt64().ShouldBe(jpeg.Length);
        shown.GetProperty("uploadedBy").GetString().ShouldBe(LedgerApi.DefaultActor);
        (await _api.Download($"/api/documents/{digest}/content")).Body.ShouldBe(jpeg);
    }

    private static async Task<(JsonElement Summary, List<JsonElement> Problems)> Verify(LedgerApi api)
    {
        var (body, _) = await api.Download("/api/verify");
        var lines = Encoding.UTF8.GetString(body).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        return (lines[^1], lines.Where(l => l.GetProperty("type").GetString() == "problem").ToList());
    }
}
