using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace GrinfiPS.Sandbox.Http;

/// <summary>
/// Mints and checks the sandbox's API keys: HS256 JWTs shaped like Grinfi's, signed with a
/// secret made at start, so only keys this process minted are ever accepted.
/// </summary>
internal sealed class JwtKeys
{
    // The header is constant, so its encoded form is too.
    private static readonly string _encodedHeader =
        Base64Url.EncodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"u8);

    private readonly byte[] _secret = RandomNumberGenerator.GetBytes(32);
    private readonly TimeProvider _time;

    public JwtKeys(TimeProvider time) => _time = time;

    public string Mint(string userUuid, int teamId, TimeSpan validFor)
    {
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        var exp = now + (long)Math.Round(validFor.TotalSeconds);
        var payload = new StringBuilder()
            .Append("{\"sub\":").Append(JsonSerializer.Serialize(userUuid))
            .Append(",\"specific_team_id\":").Append(teamId)
            .Append(",\"iat\":").Append(now)
            .Append(",\"exp\":").Append(exp)
            .Append('}')
            .ToString();
        var signingInput = _encodedHeader + "." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload));
        return signingInput + "." + Base64Url.EncodeToString(Sign(signingInput));
    }

    /// <summary>The team of a valid, unexpired key this process minted; null for anything else.</summary>
    public int? Validate(string? token)
    {
        if (string.IsNullOrEmpty(token)) return null;
        var firstDot = token.IndexOf('.');
        var lastDot = token.LastIndexOf('.');
        if (firstDot <= 0 || lastDot == firstDot || lastDot == token.Length - 1) return null;
        try
        {
            // Base64Url throws (not just returns false) for some malformed input, so the
            // whole check sits in the try: any garbage is simply "not our key".
            var given = Base64Url.DecodeFromChars(token.AsSpan(lastDot + 1));
            if (!CryptographicOperations.FixedTimeEquals(given, Sign(token.AsSpan(0, lastDot)))) return null;

            var payload = Base64Url.DecodeFromChars(token.AsSpan(firstDot + 1, lastDot - firstDot - 1));
            using var doc = JsonDocument.Parse(payload);
            var root = doc.RootElement;
            if (!root.TryGetProperty("specific_team_id", out var team) || !team.TryGetInt32(out var teamId)) return null;
            if (!root.TryGetProperty("exp", out var exp) || !exp.TryGetInt64(out var expSeconds)) return null;
            if (expSeconds <= _time.GetUtcNow().ToUnixTimeSeconds()) return null;
            return teamId;
        }
        catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private byte[] Sign(ReadOnlySpan<char> signingInput)
    {
        var bytes = Encoding.ASCII.GetBytes(signingInput.ToString());
        return HMACSHA256.HashData(_secret, bytes);
    }
}
