using System;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace GrinfiPS.Client;

/// <summary>
/// An API key and what its JWT payload says. The key itself is only ever handed to the
/// Authorization header; ToString never shows it.
/// </summary>
internal sealed class ApiKey
{
    public ApiKey(string value)
    {
        Value = value.Trim();
        Fingerprint = ComputeFingerprint(Value);
        (TeamId, ExpiresAt) = ReadClaims(Value);
    }

    /// <summary>The secret. Never log it, never put it in a message.</summary>
    public string Value { get; }

    /// <summary>A short one-way hash: identifies the key (for the shared rate limiter) without revealing it.</summary>
    public string Fingerprint { get; }

    /// <summary>The <c>specific_team_id</c> claim, when the key is a JWT that carries it.</summary>
    public long? TeamId { get; }

    /// <summary>The <c>exp</c> claim, when present.</summary>
    public DateTimeOffset? ExpiresAt { get; }

    public override string ToString() => $"ApiKey {Fingerprint}";

    /// <summary>Replaces the key wherever it appears in text (a proxy echoing headers, say).</summary>
    public string Redact(string text) =>
        Value.Length == 0 ? text : text.Replace(Value, "***");

    private static string ComputeFingerprint(string value)
    {
        using var sha = SHA256.Create();
        var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(value));
        var sb = new StringBuilder(16);
        for (var i = 0; i < 8; i++)
        {
            sb.Append(hash[i].ToString("x2"));
        }
        return sb.ToString();
    }

    // A key that is not a readable JWT is not rejected here: the server is the judge of keys,
    // and users/current tells. We only lose the team id and the expiry warning.
    private static (long? TeamId, DateTimeOffset? ExpiresAt) ReadClaims(string jwt)
    {
        var parts = jwt.Split('.');
        if (parts.Length != 3)
        {
            return (null, null);
        }
        try
        {
            var payload = Base64UrlDecode(parts[1]);
            using var doc = JsonDocument.Parse(payload);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }
            long? team = null;
            if (root.TryGetProperty("specific_team_id", out var t))
            {
                if (t.ValueKind == JsonValueKind.Number && t.TryGetInt64(out var n))
                {
                    team = n;
                }
                else if (t.ValueKind == JsonValueKind.String && long.TryParse(t.GetString(), out var s))
                {
                    team = s;
                }
            }
            DateTimeOffset? exp = null;
            if (root.TryGetProperty("exp", out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var seconds))
            {
                exp = DateTimeOffset.FromUnixTimeSeconds(seconds);
            }
            return (team, exp);
        }
        catch (Exception ex) when (ex is FormatException or JsonException or ArgumentException)
        {
            return (null, null);
        }
    }

    private static byte[] Base64UrlDecode(string s)
    {
        var b = s.Replace('-', '+').Replace('_', '/');
        b = b.PadRight(b.Length + ((4 - (b.Length % 4)) % 4), '=');
        return Convert.FromBase64String(b);
    }
}
