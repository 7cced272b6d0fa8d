using System.IO.Compression;
using System.Security;
using System.Text;
using Sanzi.Projections.Reports;

namespace Sanzi.ReportTemplates;

/// <summary>One sheet of a template: a table of the report under its title line, and the people who sign.</summary>
public sealed record TemplateSheet(string Name, string Title, IReadOnlyList<Column> Columns, string Collection, IReadOnlyList<string> Signers);

/// <summary>
/// Writes a report's Excel template as the national 清产核资 forms are laid out, for MiniExcel to fill: the title
/// across the table, 填报单位 <c>{{unit}}</c> and 单位：元, 基准日 <c>{{date}}</c>, the header row (repeated on every
/// printed page), one data row <c>{{tN.cM}}</c> whose cells carry their column's format (money #,##0.00), a
/// conditional format that sets 合计 and 总计 lines in bold, and the signature line; A4 landscape, one page wide.
/// </summary>
public static class TemplateWorkbook
{
    /// <summary>The row of column headers; the data starts below it. <see cref="ReportFiles"/> reads from here too.</summary>
    private const int HeaderRow = ReportFiles.TemplateHeaderRow;

    public static byte[] Write(IReadOnlyList<TemplateSheet> sheets)
    {
        var strings = new List<string>();
        int S(string text)
        {
            var i = strings.IndexOf(text);
            if (i >= 0) return i;
            strings.Add(text);
            return strings.Count - 1;
        }
        var sheetXml = sheets.Select(sheet => Sheet(sheet, S)).ToList();
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Part(string name, string xml)
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                entry.LastWriteTime = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
                using var w = new StreamWriter(entry.Open(), new UTF8Encoding(false));
                w.Write(xml);
            }
            Part("[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>"""
                + string.Concat(sheets.Select((_, i) => $"""<Override PartName="/xl/worksheets/sheet{i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>""")) + "</Types>");
            Part("_rels/.rels", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            Part("xl/workbook.xml", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"""
                + string.Concat(sheets.Select((s, i) => $"""<sheet name="{X(s.Name)}" sheetId="{i + 1}" r:id="rId{i + 1}"/>"""))
                + "</sheets><definedNames>"
                + string.Concat(sheets.Select((s, i) => $"""<definedName name="_xlnm.Print_Titles" localSheetId="{i}">'{X(s.Name)}'!${HeaderRow}:${HeaderRow}</definedName>"""))
                + "</definedNames></workbook>");
            Part("xl/_rels/workbook.xml.rels", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"""
                + string.Concat(sheets.Select((_, i) => $"""<Relationship Id="rId{i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i + 1}.xml"/>"""))
                + $"""<Relationship Id="rId{sheets.Count + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId{sheets.Count + 2}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>""");
            Part("xl/styles.xml", Styles);
            for (var i = 0; i < sheets.Count; i++) Part($"xl/worksheets/sheet{i + 1}.xml", sheetXml[i]);
            Part("xl/sharedStrings.xml", $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{strings.Count}" uniqueCount="{strings.Count}">"""
                + string.Concat(strings.Select(s => $"<si><t xml:space=\"preserve\">{X(s)}</t></si>")) + "</sst>");
        }
        return output.ToArray();
    }

    /// <summary>Styles by index: 1 title, 2 filing line, 3 filing line right, 4 header, 5 text, 6 money, 7 number, 8 signature.</summary>
    private const string Styles = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="#,##0.00"/></numFmts><fonts count="3"><font><sz val="11"/><name val="宋体"/><family val="3"/><charset val="134"/></font><font><b/><sz val="11"/><name val="宋体"/><family val="3"/><charset val="134"/></font><font><b/><sz val="16"/><name val="宋体"/><family val="3"/><charset val="134"/></font></fonts><fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFEDEDED"/><bgColor indexed="64"/></patternFill></fill></fills><borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right><top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="9"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment horizontal="center" vertical="center"/></xf><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment horizontal="right"/></xf><xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf><xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1"/><xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1"/><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="1"><dxf><font><b/></font></dxf></dxfs></styleSheet>""";

    private static string Sheet(TemplateSheet sheet, Func<string, int> s)
    {
        var n = sheet.Columns.Count;
        var last = Col(n - 1);
        var cells = new StringBuilder();
        string Str(string r, string text, int style) => $"""<c r="{r}" s="{style}" t="s"><v>{s(text)}</v></c>""";
        cells.Append($"""<row r="1" ht="30" customHeight="1">{Str("A1", sheet.Title, 1)}</row>""");
        cells.Append($"""<row r="2">{Str("A2", "填报单位：{{unit}}", 2)}{Str($"{last}2", "单位：元", 3)}</row>""");
        cells.Append($"""<row r="3">{Str("A3", "基准日：{{date}}", 2)}</row>""");
        cells.Append($"""<row r="{HeaderRow}">""" + string.Concat(sheet.Columns.Select((c, i) => Str($"{Col(i)}{HeaderRow}", c.Header, 4))) + "</row>");
        cells.Append($"""<row r="{HeaderRow + 1}">""" + string.Concat(sheet.Columns.Select((c, i) =>
            Str($"{Col(i)}{HeaderRow + 1}", $"{{{{{sheet.Collection}.c{i}}}}}", c.Kind switch { CellKind.Money => 6, CellKind.Number => 7, _ => 5 }))) + "</row>");
        var signRow = HeaderRow + 3;
        var step = Math.Max(1, n / sheet.Signers.Count);
        cells.Append($"""<row r="{signRow}">""" + string.Concat(sheet.Signers.Select((signer, i) => Str($"{Col(i * step)}{signRow}", signer + "：", 8))) + "</row>");
        var widths = string.Concat(sheet.Columns.Select((c, i) =>
            $"""<col min="{i + 1}" max="{i + 1}" width="{(c.Kind == CellKind.Money ? 16 : Math.Clamp(c.Header.Length * 2.4 + 4, 8, 24)).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)}" customWidth="1"/>"""));
        return $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetPr><pageSetUpPr fitToPage="1"/></sheetPr><dimension ref="A1:{last}{signRow}"/><sheetViews><sheetView workbookViewId="0"><pane ySplit="{HeaderRow}" topLeftCell="A{HeaderRow + 1}" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>{widths}</cols><sheetData>{cells}</sheetData><mergeCells count="1"><mergeCell ref="A1:{last}1"/></mergeCells><conditionalFormatting sqref="A{HeaderRow + 1}:{last}5000"><cfRule type="expression" dxfId="0" priority="1"><formula>OR(RIGHT($A{HeaderRow + 1},2)="合计",RIGHT($B{HeaderRow + 1},2)="合计",$A{HeaderRow + 1}="总计",$B{HeaderRow + 1}="总计")</formula></cfRule></conditionalFormatting><pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/><pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/></worksheet>""";
    }

    private static string Col(int i) => i < 26 ? ((char)('A' + i)).ToString() : $"{(char)('A' + i / 26 - 1)}{(char)('A' + i % 26)}";

    private static string X(string text) => SecurityElement.Escape(text);
}
