using System.Text;

namespace GrinfiPS.Sandbox.Data;

/// <summary>Just enough RFC 4180 CSV for imports and exports: quoted fields, doubled quotes, CRLF or LF.</summary>
internal static class Csv
{
    public static List<string[]> Parse(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var i = 0;
        if (text.Length > 0 && text[0] == '\uFEFF') i = 1; // byte order mark from spreadsheet tools
        for (; i < text.Length; i++)
        {
            var ch = text[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (ch == '"') quoted = false;
                else field.Append(ch);
                continue;
            }
            switch (ch)
            {
                case '"': quoted = true; break;
                case ',': row.Add(field.ToString()); field.Clear(); break;
                case '\r': break;
                case '\n':
                    row.Add(field.ToString());
                    field.Clear();
                    if (row.Count > 1 || row[0].Length > 0) rows.Add([.. row]);
                    row.Clear();
                    break;
                default: field.Append(ch); break;
            }
        }
        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add([.. row]);
        }
        return rows;
    }

    public static void AppendRow(StringBuilder sb, IEnumerable<string?> values)
    {
        var first = true;
        foreach (var value in values)
        {
            if (!first) sb.Append(',');
            first = false;
            var v = value ?? "";
            if (v.IndexOfAny([',', '"', '\r', '\n']) >= 0) sb.Append('"').Append(v.Replace("\"", "\"\"")).Append('"');
            else sb.Append(v);
        }
        sb.Append("\r\n");
    }
}
