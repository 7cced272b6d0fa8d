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

    [Fact]
    public async Task An_undocumented_exception_is_a_lead_withdrawn_when_its_scan_is_attached_later()
    {
        var code = Sample.TownshipCode();
        var reformId = (await _api.Post("/api/reforms", Sample.Reform(code, Sample.TownshipCode()), 201)).GetProperty("reformId").GetGuid();
        await _api.Post($"/api/reforms/{reformId}/freeze", Sample.Freeze(), 200);
        var exceptionId = (await _api.Post($"/api/reforms/{reformId}/exceptions", new
        {
            idempotencyKey = Sample.Key(), unitCode = code, scope = "payment", maxAmount = 1000, approver = "县财政局局长",
            document = "财特批〔2026〕3号", reason = "五保户供养金",
        }, 201)).GetProperty("exceptionId").GetGuid();
        await _api.CaughtUp();
        var lead = Leads(await _api.Get($"/api/leads?reform={reformId}&rule=undocumentedEntry")).ShouldHaveSingleItem();
        lead.GetProperty("summary").GetString()!.ShouldContain("特批¥1,000.00未附任何文件");

        var scan = (await _api.PostFile("/api/documents?name=财特批3号.pdf", Pdf("财特批〔2026〕3号"), 201, role: "reform-office"))
            .GetProperty("sha256").GetString()!;
        var attach = $"/api/reforms/{reformId}/exceptions/{exceptionId}/documents";
        (await _api.Post(attach, new { idempotencyKey = Sample.Key() }, 400)).GetProperty("errors").GetProperty("documents")[0].GetString()!
            .ShouldContain("required");
        await _api.Post(attach, new { idempotencyKey = Sample.Key(), documents = new[] { scan } }, 200);
        await _api.CaughtUp();

        Leads(await _api.Get($"/api/leads?reform={reformId}&rule=undocumentedEntry")).ShouldBeEmpty();
        Leads(await _api.Get($"/api/leads?reform={reformId}&rule=undocumentedEntry&withdrawn=true")).ShouldHaveSingleItem()
            .GetProperty("withdrawn").GetProperty("type").GetString().ShouldBe("documentsAttached");
    }

    [Fact]
    public async Task With_undocumented_entries_refused_a_disposal_without_a_document_is_refused_naming_the_field()
    {
        var (host, _) = await SeparateLedger.StartAsync("undocumented", ("Documents:Undocumented", "refuse"));
        await using var _ = host;
        var api = new LedgerApi(host);
        var books = new Books(api, Sample.TownshipCode());
        await api.Post("/api/reforms", Sample.Reform(books.Code, Sample.TownshipCode()), 201);
        var asset = await books.Asset("machinery", "抽水机", 3_000m);
        object Disposal(string[]? documents) => new
        {
            idempotencyKey = Sample.Key(), method = "scrap", proceeds = 0, resolutionReference = "村民代表会议决议〔2026〕3号", reason = "报废", documents,
        };

        (await api.Post($"/api/assets/{asset}/disposal", Disposal(null), 400)).GetProperty("errors").GetProperty("documents")[0].GetString()!
            .ShouldContain("资产处置");
        var resolution = (await api.PostFile("/api/documents", Pdf("村民代表会议决议〔2026〕3号"), 201)).GetProperty("sha256").GetString()!;
        await api.Post($"/api/assets/{asset}/disposal", Disposal([resolution]), 200);
    }

    [Fact]
    public async Task Documents_show_in_a_trace_a_lead_a_preview_and_a_zip_of_the_catalog_with_a_manifest_of_digests()
    {
        var books = new Books(_api, Sample.TownshipCode());
        var reformId = (await _api.Post("/api/reforms", Sample.Reform(books.Code, Sample.TownshipCode()), 201)).GetProperty("reformId").GetGuid();
        var (pump, truck) = (await books.Asset("machinery", "抽水机", 3_000m), await books.Asset("vehicle", "农用车", 9_000m));
        var scan = (await _api.PostFile("/api/documents?name=决议扫描.png", Photo(800, 600), 201)).GetProperty("sha256").GetString()!;
        var pdf = (await _api.PostFile("/api/documents?name=决议.pdf", Pdf("村民代表会议决议〔2026〕3号"), 201)).GetProperty("sha256").GetString()!;
        foreach (var (asset, document) in new[] { (pump, scan), (truck, pdf) })
            await _api.Post($"/api/assets/{asset}/disposal", new
            {
                idempotencyKey = Sample.Key(), method = "scrap", proceeds = 0, resolutionReference = "村民代表会议决议〔2026〕3号", reason = "报废",
                documents = new[] { document },
            }, 200);

        // The history lists what each step carries.
        var step = (await _api.Get($"/api/trace/items/{pump}")).GetProperty("steps").EnumerateArray().Last();
        var listed = step.GetProperty("attachments").EnumerateArray().ShouldHaveSingleItem();
        (listed.GetProperty("sha256").GetString(), listed.GetProperty("mediaType").GetString(), listed.GetProperty("fileName").GetString(),
            listed.GetProperty("uploadedBy").GetString()).ShouldBe((scan, "image/png", "决议扫描.png", LedgerApi.DefaultActor));

        // One resolution, two different papers: a lead that lists both.
        await _api.CaughtUp();
        var lead = Leads(await _api.Get($"/api/leads?reform={reformId}&rule=resolutionClaimedTwice")).ShouldHaveSingleItem();
        var detail = await _api.Get($"/api/leads/{Uri.EscapeDataString(lead.GetProperty("id").GetString()!)}");
        detail.GetProperty("documents").EnumerateArray().Select(d => d.GetProperty("sha256").GetString()).ShouldBe([scan, pdf], ignoreOrder: true);

        var (thumbnail, type) = await _api.Download($"/api/documents/{scan}/preview");
        type.ShouldBe("image/png");
        using (var bitmap = SkiaSharp.SKBitmap.Decode(thumbnail)) (bitmap.Width, bitmap.Height).ShouldBe((320, 240));
        var (card, cardType) = await _api.Download($"/api/documents/{pdf}/preview");
        cardType.ShouldStartWith("image/svg+xml");
        Encoding.UTF8.GetString(card).ShouldContain("PDF 文件");

        var (zip, zipType) = await _api.Download($"/api/units/{books.Code}/documents.zip");
        zipType.ShouldBe("application/zip");
        using var archive = new System.IO.Compression.ZipArchive(new MemoryStream(zip));
        var sums = new StreamReader(archive.GetEntry("manifest.sha256")!.Open()).ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        sums.Length.ShouldBe(3);
        foreach (var line in sums)
        {
            var (digest, name) = (line[..64], line[66..]);
            using var entry = new MemoryStream();
            archive.GetEntry(name)!.Open().CopyTo(entry);
            Sha256(entry.ToArray()).ShouldBe(digest, name);
        }
        sums.ShouldContain($"{scan}  documents/{scan}.png");
        new StreamReader(archive.GetEntry("manifest.json")!.Open()).ReadToEnd().ShouldContain("资产处置");
    }

    /// <summary>A photo of a voucher as a desk scanner takes it: a real PNG of the given size.</summary>
    private static byte[] Photo(int width, int height)
    {
        using var bitmap = new SkiaSharp.SKBitmap(width, height);
        using (var canvas = new SkiaSharp.SKCanvas(bitmap)) canvas.Clear(new SkiaSharp.SKColor((uint)Random.Shared.Next() | 0xFF000000));
        using var image = SkiaSharp.SKImage.FromBitmap(bitmap);
        return image.Encode(SkiaSharp.SKEncodedImageFormat.Png, 90).ToArray();
    }

    private static IReadOnlyList<JsonElement> Leads(JsonElement answer) =>
        (answer.ValueKind == JsonValueKind.Array ? answer : answer.GetProperty("leads")).EnumerateArray().ToList();

    private static async Task<(JsonElement Summary, List<JsonElement> Problems)> Verify(LedgerApi api)
    {
        var (body, _) = await api.Download("/api/verify");
        var lines = Encoding.UTF8.GetString(body).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        return (lines[^1], lines.Where(l => l.GetProperty("type").GetString() == "problem").ToList());
    }
}
