using System;
using System.Collections.Generic;
using System.Linq;

namespace GrinfiPS.Client;

/// <summary>"Did you mean ...?" for names and field names.</summary>
internal static class Fuzzy
{
    /// <summary>Names close to <paramref name="wanted"/>: small edit distance, or one containing the other.</summary>
    public static IReadOnlyList<string> Suggest(IEnumerable<string> names, string wanted, int max = 3)
    {
        var w = wanted.ToLowerInvariant();
        return names
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(n => (Name: n, Distance: EditDistance(n.ToLowerInvariant(), w)))
            .Where(x => x.Distance <= Math.Max(2, w.Length / 3)
                || (w.Length >= 3 && x.Name.IndexOf(wanted, StringComparison.OrdinalIgnoreCase) >= 0))
            .OrderBy(x => x.Distance)
            .ThenBy(x => x.Name, StringComparer.OrdinalIgnoreCase)
            .Take(max)
            .Select(x => x.Name)
            .ToList();
    }

    /// <summary>Levenshtein distance with transpositions counted as one edit.</summary>
    public static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }
        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }
        return d[a.Length, b.Length];
    }
}
