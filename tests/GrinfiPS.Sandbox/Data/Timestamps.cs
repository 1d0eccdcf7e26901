using System.Globalization;

namespace GrinfiPS.Sandbox.Data;

/// <summary>
/// Instants are kept as UTC ticks truncated to whole microseconds, the precision the API
/// prints (<c>2025-03-04T10:11:12.123456Z</c>), so a value read back and sent as a filter
/// compares equal to the stored one.
/// </summary>
internal static class Timestamps
{
    public const long TicksPerMicrosecond = 10;

    public static long Now(TimeProvider time) => Truncate(time.GetUtcNow().UtcTicks);

    public static long Truncate(long ticks) => ticks - (ticks % TicksPerMicrosecond);

    public static string Format(long ticks)
    {
        Span<char> buffer = stackalloc char[27];
        return new string(buffer[..Format(ticks, buffer)]);
    }

    /// <summary>Writes <c>yyyy-MM-ddTHH:mm:ss.ffffffZ</c>; by hand, as it runs for every serialized contact.</summary>
    public static int Format(long ticks, Span<char> buffer)
    {
        var t = new DateTime(ticks, DateTimeKind.Utc);
        var micro = (int)(ticks % TimeSpan.TicksPerSecond / TicksPerMicrosecond);
        Digits(buffer[..4], t.Year);
        buffer[4] = '-';
        Digits(buffer.Slice(5, 2), t.Month);
        buffer[7] = '-';
        Digits(buffer.Slice(8, 2), t.Day);
        buffer[10] = 'T';
        Digits(buffer.Slice(11, 2), t.Hour);
        buffer[13] = ':';
        Digits(buffer.Slice(14, 2), t.Minute);
        buffer[16] = ':';
        Digits(buffer.Slice(17, 2), t.Second);
        buffer[19] = '.';
        Digits(buffer.Slice(20, 6), micro);
        buffer[26] = 'Z';
        return 27;
    }

    private static void Digits(Span<char> target, int value)
    {
        for (var i = target.Length - 1; i >= 0; i--)
        {
            target[i] = (char)('0' + (value % 10));
            value /= 10;
        }
    }

    /// <summary>Any ISO 8601 form: a date, a date and time, with or without offset (UTC assumed).</summary>
    public static bool TryParse(string? text, out long ticks)
    {
        ticks = 0;
        if (string.IsNullOrWhiteSpace(text)) return false;
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
        {
            return false;
        }
        // Reject things the invariant parser is lenient about but ISO 8601 is not ("3/4/2025").
        if (text.Length < 10 || text[4] != '-' || text[7] != '-') return false;
        ticks = value.UtcTicks;
        return true;
    }
}
