using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;

namespace GrinfiPS.Client;

/// <summary>Builds API paths with every variable segment escaped.</summary>
internal static class ApiPath
{
    public static string Of(string root, params string[] segments)
    {
        var sb = new StringBuilder(root.TrimEnd('/'));
        foreach (var segment in segments)
        {
            sb.Append('/').Append(Uri.EscapeDataString(segment));
        }
        return sb.ToString();
    }
}
