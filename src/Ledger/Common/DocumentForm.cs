using System.Text.RegularExpressions;

namespace Sanzi.Ledger.Common;

/// <summary>
/// Whether a reason, a resolution reference or an approval document says something: a control that a word
/// like "无" or "同意" satisfies is no control. The commands refuse such text; the rules read old entries by it.
/// </summary>
public static partial class DocumentForm
{
    /// <summary>Text that fills a field without saying anything (无, 同意, -, 见附件 ...).</summary>
    public static readonly IReadOnlySet<string> Placeholders = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "无", "没有", "同意", "已同意", "见附件", "详见附件", "附件", "略", "暂无", "待补", "后补", "空", "不详", "其他", "n/a", "na", "none", "null", "nil", "ok", "x",
    };

    /// <summary>Empty, a known placeholder, or no letter, digit or Chinese character at all ("-", "/", "……").</summary>
    public static bool IsPlaceholder(string? text) =>
        string.IsNullOrWhiteSpace(text) || Placeholders.Contains(text.Trim()) || !text.Any(char.IsLetterOrDigit);

    /// <summary>A resolution reference names a meeting (会议, 纪要, 决议 ...) and a number (〔2026〕3号, 第5次, 3号).</summary>
    public static bool IsResolutionReference(string? text) =>
        !IsPlaceholder(text) && Meeting().IsMatch(text!) && Number().IsMatch(text!);

    /// <summary>Required, and saying something: a placeholder is refused naming the field.</summary>
    public static Rules Substantive(this Rules rules, string? value, string field, int maxLength = 500) =>
        string.IsNullOrWhiteSpace(value)
            ? rules.Add(field, "is required")
            : rules.Required(value, field, maxLength)
                .Check(!IsPlaceholder(value), field, $"must say something: placeholder text such as {PlaceholderExamples} is refused");

    /// <summary>Required, and naming a meeting and a number, e.g. 村民代表会议决议〔2026〕3号.</summary>
    public static Rules Resolution(this Rules rules, string? value, string field) =>
        string.IsNullOrWhiteSpace(value)
            ? rules.Add(field, "is required")
            : rules.Required(value, field, 200)
                .Check(IsResolutionReference(value), field,
                    $"must name the meeting and the resolution's number, e.g. 村民代表会议决议〔2026〕3号; placeholder text such as {PlaceholderExamples} is refused");

    private const string PlaceholderExamples = "\"无\", \"同意\", \"-\" or \"见附件\"";

    [GeneratedRegex("会|纪要|决议|决定")]
    private static partial Regex Meeting();

    [GeneratedRegex(@"\d+\s*号|第\s*[\d一二三四五六七八九十]+\s*次|〔\d{4}〕\s*\d+")]
    private static partial Regex Number();
}
