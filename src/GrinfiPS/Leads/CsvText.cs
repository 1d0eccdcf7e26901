using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace GrinfiPS.Leads;

/// <summary>RFC 4180 CSV: quoted fields, doubled quotes, line breaks inside quotes, any delimiter.</summary>
internal static class CsvText
{
    public static List<string[]> Parse(string text, char delimiter)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var rowHasContent = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
                continue;
            }
            if (c == '"')
            {
                quoted = true;
                rowHasContent = true;
            }
            else if (c == delimiter)
            {
                row.Add(field.ToString());
                field.Clear();
                rowHasContent = true;
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }
                EndRow();
            }
            else
            {
                field.Append(c);
                rowHasContent = true;
            }
        }
        EndRow();
        return rows;

        void EndRow()
        {
            if (rowHasContent || field.Length > 0)
            {
                row.Add(field.ToString());
                rows.Add(row.ToArray());
            }
            row.Clear();
            field.Clear();
            rowHasContent = false;
        }
    }

    /// <summary>The delimiter a header line uses: the most frequent of , ; tab | outside quotes.</summary>
    public static char DetectDelimiter(string text)
    {
        var counts = new Dictionary<char, int> { [','] = 0, [';'] = 0, ['\t'] = 0, ['|'] = 0 };
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c is '\r' or '\n')
            {
                break;
            }
            else if (!quoted && counts.ContainsKey(c))
            {
                counts[c]++;
            }
        }
        var best = counts.OrderByDescending(p => p.Value).First();
        return best.Value == 0 ? ',' : best.Key;
    }

    /// <summary>Comma-separated, fields quoted where needed, CRLF line ends.</summary>
    public static string Write(IEnumerable<string[]> rows)
    {
        var sb = new StringBuilder();
        foreach (var row in rows)
        {
            sb.Append(string.Join(",", row.Select(Quote))).Append("\r\n");
        }
        return sb.ToString();
    }

    private static string Quote(string value) =>
        value.IndexOfAny(new[] { ',', '"', '\r', '\n' }) >= 0 || value.Trim().Length != value.Length
            ? "\"" + value.Replace("\"", "\"\"") + "\""
            : value;
}
