using System.Globalization;
using System.Net;
using System.Text;
using Sanzi.Ledger.Common;
using Sanzi.Projections.Reports;

namespace Sanzi.Projections.Notices;

/// <summary>
/// The public notice (公示) as a printable page: server-rendered HTML in Chinese for an A4 notice board, with
/// no script and nothing fetched from elsewhere, so it prints the same wherever it is opened.
/// </summary>
public static class NoticePage
{
    private const string Style = """
        @page { size: A4; margin: 15mm 12mm; }
        body { font-family: "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "SimSun", sans-serif; font-size: 10.5pt; color: #000; margin: 0 auto; max-width: 186mm; }
        h1 { font-size: 18pt; text-align: center; margin: 6mm 0 2mm; letter-spacing: 2pt; }
        .sub { text-align: center; margin: 0 0 4mm; }
        p { line-height: 1.6; margin: 1.5mm 0; text-indent: 2em; }
        table { width: 100%; border-collapse: collapse; margin: 3mm 0; }
        th, td { border: 0.6pt solid #000; padding: 1mm 1.5mm; }
        th { background: #eee; font-weight: bold; white-space: nowrap; }
        td.c { white-space: nowrap; }
        td.n { text-align: right; white-space: nowrap; }
        h2 { font-size: 12pt; margin: 4mm 0 1mm; }
        .sign { text-align: right; margin-top: 8mm; line-height: 1.8; }
        form.objection p { text-indent: 0; }
        @media print { form.objection { display: none; } body { max-width: none; } th { background: none; } thead { display: table-header-group; } tr { page-break-inside: avoid; } }
        """;

    public static string Render(PublicNotice n, IReadOnlyList<PublicObjection> objections, ObjectionForm? form)
    {
        var html = new StringBuilder();
        html.Append($"""
            <!DOCTYPE html>
            <html lang="zh-CN"><head><meta charset="utf-8"><title>{E(n.Title)}</title><style>{Style}</style></head>
            <body>
            <h1>{E(n.Title)}</h1>
            <div class="sub">单位代码：{E(n.UnitCode)}　公示编号：{E(n.Number)}</div>
            <p>根据{E(n.ReformTitle ?? "区划调整")}（{E(n.ApprovalDocument ?? "")}）的要求，本单位已完成资金、资产、资源清产核资工作，登记时点为{D(n.SnapshotDate)}。现将清查核实结果逐项公示如下，接受{(n.Book == Ownership.State ? "社会" : "全体成员")}监督。</p>
            <p>公示期：{D(n.From)}至{D(n.Until)}，共{n.Days}天。公示地点：{E(string.Join("、", n.Places))}。</p>
            <p>{(n.Book == Ownership.State ? "对" : "成员对")}公示内容有异议的，请于公示期内向{E(n.ObjectionsTo)}提出，并写明异议事项和理由；异议经复核后答复，复核结果另行公示。</p>
            <h2>一、分类汇总</h2>
            <table><thead><tr><th>三资类别</th><th>类别</th><th>项数</th><th>面积(亩)</th><th>账面数(元)</th><th>核实数(元)</th><th>差额(元)</th></tr></thead><tbody>
            """);
        foreach (var t in n.Totals)
            html.Append($"<tr><td>{E(t.Kind)}</td><td>{E(t.CategoryName)}</td><td class=\"n\">{t.Items}</td><td class=\"n\">{Q(t.AreaMu)}</td>" +
                        $"<td class=\"n\">{M(t.BookValue)}</td><td class=\"n\">{M(t.VerifiedValue)}</td><td class=\"n\">{M(t.VerifiedValue - t.BookValue)}</td></tr>\n");
        html.Append($"""
            </tbody></table>
            <p>盘盈{n.SurplusItems}项，金额{M(n.SurplusValue)}元；盘亏{n.MissingItems}项，账面金额{M(n.MissingValue)}元。</p>
            <h2>二、逐项明细</h2>
            <table><thead><tr><th>编号</th><th>三资类别</th><th>类别</th><th>名称</th><th>数量</th><th>坐落</th><th>账面数(元)</th><th>核实数(元)</th><th>差额(元)</th><th>差异原因</th></tr></thead><tbody>
            """);
        foreach (var i in n.Items)
            html.Append($"<tr><td class=\"c\">{E(i.ItemCode)}</td><td class=\"c\">{E(i.Kind)}</td><td>{E(i.CategoryName)}</td><td>{E(i.Name)}</td>" +
                        $"<td class=\"n\">{Q(i.Quantity)}{E(i.MeasureUnit)}</td><td>{E(i.Location ?? "")}</td><td class=\"n\">{M(i.BookValue)}</td>" +
                        $"<td class=\"n\">{M(i.VerifiedValue)}</td><td class=\"n\">{M(i.Difference)}</td><td>{E(i.Reason ?? "")}</td></tr>\n");
        html.Append($"""
            </tbody></table>
            """);
        Objections(html, n, objections, form);
        html.Append($"""
            <div class="sign">{E(n.UnitName)}<br>{D(n.From)}</div>
            </body></html>
            """);
        return html.ToString();
    }

    /// <summary>The objections so far, by item and date only, and the form for a member to raise one; neither is printed.</summary>
    private static void Objections(StringBuilder html, PublicNotice n, IReadOnlyList<PublicObjection> objections, ObjectionForm? form)
    {
        html.Append("<h2 id=\"objections\">三、异议及答复</h2>\n");
        if (form is { Received: true }) html.Append("<p class=\"received\">您的异议已收到，将经复核后答复。</p>\n");
        if (objections.Count == 0) html.Append("<p>截至目前未收到异议。</p>\n");
        else
        {
            html.Append("<table><thead><tr><th>提出日期</th><th>方式</th><th>异议事项</th><th>状态</th><th>答复</th></tr></thead><tbody>\n");
            foreach (var o in objections)
                html.Append($"<tr><td class=\"c\">{D(o.RaisedOn)}</td><td class=\"c\">{(o.Online ? "网上提出" : "书面提出")}</td><td>{E(o.Item)}</td>" +
                            $"<td class=\"c\">{(o.Open ? "待答复" : "已答复")}</td>" +
                            $"<td>{(o.Open ? "" : $"{D(o.AnsweredOn)}答复：{E(o.Outcome ?? "")}。{E(o.Answer ?? "")}")}</td></tr>\n");
            html.Append("</tbody></table>\n");
        }
        if (form is null) return;
        html.Append($"""
            <form class="objection" method="post" action="{E(form.Action)}">
            <h2>网上提出异议</h2>
            <p>请填写姓名和成员编号（或身份证后四位），供复核时核对身份；姓名和编号不予公示。</p>
            <input type="hidden" name="{E(form.TokenField)}" value="{E(form.Token)}">
            <p><label>姓名 <input name="name" required maxlength="50"></label></p>
            <p><label>成员编号或身份证后四位 <input name="member" required maxlength="30"></label></p>
            <p><label>异议事项 <select name="item"><option value="">公示内容总体</option>
            """);
        foreach (var i in n.Items) html.Append($"<option value=\"{E(i.ItemCode)}\">{E(i.ItemCode)} {E(i.Name)}</option>");
        html.Append("""
            </select></label></p>
            <p><label>异议内容 <textarea name="text" required maxlength="2000" rows="4" cols="60"></textarea></label></p>
            <p><button type="submit">提交异议</button></p>
            </form>
            """);
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string M(decimal value) => value.ToString("#,##0.00", CultureInfo.InvariantCulture);

    private static string Q(decimal? value) => value?.ToString("#,##0.####", CultureInfo.InvariantCulture) ?? "";

    private static string D(NodaTime.LocalDate? date) => Texts.Date(date) ?? "";
}

/// <summary>The objection form's target and antiforgery token; <paramref name="Received"/> after a member's objection came in.</summary>
public sealed record ObjectionForm(string Action, string TokenField, string Token, bool Received);
