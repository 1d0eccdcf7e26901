using System;
using System.Buffers.Binary;
using System.Collections.Generic;

namespace GrinfiPS.Client;

/// <summary>
/// The rate limiter's window for one key: who paces it (members and their requests per
/// minute), which requests hold a slot, and a pause the server asked for. Pure data and
/// rules, no I/O: the limiter keeps one in memory, or reads and writes it in a shared file
/// under a lock (<see cref="SharedLimiterStore"/>) so every process on the machine sees one.
/// </summary>
/// <remarks>
/// <para>
/// A slot is held from the moment a request starts until <c>window</c> after its answer
/// arrived. Counting from the answer (not the start) keeps the key inside the server's
/// window whatever the latency: the server received the request before its answer left.
/// </para>
/// <para>
/// Times are <see cref="DateTime"/> ticks of the limiter's clock (wall-clock UTC when shared,
/// since only that compares across processes). A clock that jumps must not break the
/// window: <see cref="Clean"/> drops what lies in the future (beyond
/// <see cref="FutureTolerance"/>: after a backward jump it would block for as long as the
/// jump), and a forward jump only lets old slots expire early.
/// </para>
/// <para>
/// File layout (version 1), all integers little-endian, PowerShell 7 and Windows PowerShell
/// 5.1 alike:
/// <code>
/// offset size
///  0      4   magic 0x574C5247 ("GRLW" as bytes)
///  4      4   version = 1
///  8      8   pause until (ticks; 0 = none)
/// 16      4   member count M
/// 20      4   in-flight count F
/// 24      4   answered count A
/// 28      4   reserved, 0
/// 32   M*16   members:   int64 id, int32 requests per minute, int32 reserved (0)
///  ..  F*24   in flight: int64 owner (member id), int64 ticket, int64 start (ticks)
///  ..   A*8   answered:  int64 answer time (ticks), ascending
/// </code>
/// A file of any other length, magic or version is ignored and rewritten from scratch.
/// </para>
/// </remarks>
internal sealed class LimiterWindow
{
    public const uint Magic = 0x574C5247;
    public const int FormatVersion = 1;

    /// <summary><see cref="TryTake"/>: every slot is held by a request still in flight; look again shortly.</summary>
    public const long WhenAnswered = -1;

    private const int HeaderSize = 32;
    private const int MemberSize = 16;
    private const int FlightSize = 24;
    private const int AnsweredSize = 8;
    private const int MaxMembers = 10_000;
    private const int MaxFlights = 1_000_000;
    private const int MaxAnswered = 10_000_000;

    /// <summary>How far in the future a time may lie and still count (clocks of two processes read a moment apart).</summary>
    public static readonly long FutureTolerance = TimeSpan.FromSeconds(2).Ticks;

    /// <summary>A pause further away than this is a clock jump, not a server's Retry-After (GrinfiPS honours up to 5 minutes).</summary>
    public static readonly long LongestPause = TimeSpan.FromMinutes(10).Ticks;

    /// <summary>A request in flight longer than this was lost track of (no request is waited on that long).</summary>
    public static readonly long LongestFlight = TimeSpan.FromHours(1).Ticks;

    /// <summary>Until when every request waits (a 429's Retry-After); 0 when there is no pause.</summary>
    public long PauseUntil { get; set; }

    /// <summary>The processes pacing this key, each with its own requests per minute.</summary>
    public List<Member> Members { get; } = new();

    /// <summary>Requests started and not yet answered.</summary>
    public List<Flight> InFlight { get; } = new();

    /// <summary>When answered requests were answered, oldest first.</summary>
    public List<long> Answered { get; } = new();

    /// <summary>Slots held: answered within the window, plus in flight.</summary>
    public int Held => Answered.Count + InFlight.Count;

    /// <summary>The lowest requests per minute among the members, <paramref name="own"/> included.</summary>
    public int Limit(int own)
    {
        var limit = own;
        foreach (var m in Members)
        {
            limit = Math.Min(limit, m.RequestsPerMinute);
        }
        return limit;
    }

    /// <summary>Adds the member, or updates its requests per minute.</summary>
    public void SetMember(long id, int requestsPerMinute)
    {
        for (var i = 0; i < Members.Count; i++)
        {
            if (Members[i].Id == id)
            {
                if (Members[i].RequestsPerMinute != requestsPerMinute)
                {
                    Members[i] = new Member(id, requestsPerMinute);
                }
                return;
            }
        }
        Members.Add(new Member(id, requestsPerMinute));
    }

    /// <summary>
    /// A member left (or died): it no longer sets the limit, and its requests in flight count
    /// as answered now, so they hold their slots one more window, as the server may still count them.
    /// </summary>
    public void RemoveMember(long id, long now)
    {
        Members.RemoveAll(m => m.Id == id);
        for (var i = InFlight.Count - 1; i >= 0; i--)
        {
            if (InFlight[i].Owner == id)
            {
                InFlight.RemoveAt(i);
                AddAnswered(now);
            }
        }
    }

    /// <summary>Keeps only <paramref name="id"/> as a member; the others' requests in flight count as answered now.</summary>
    public void KeepOnlyMember(long id, long now)
    {
        foreach (var other in Members.ConvertAll(m => m.Id))
        {
            if (other != id)
            {
                RemoveMember(other, now);
            }
        }
    }

    /// <summary>
    /// Forgets slots that left the window, times in the future (a clock that jumped back),
    /// requests lost track of, requests of members that are gone, and a pause that is over or
    /// absurd. Call it with the members up to date, before deciding anything.
    /// </summary>
    public void Clean(long now, long window)
    {
        if (!IsSorted(Answered))
        {
            Answered.Sort();
        }
        var expired = 0;
        while (expired < Answered.Count && Answered[expired] <= now - window)
        {
            expired++;
        }
        Answered.RemoveRange(0, expired);
        var keep = Answered.Count;
        while (keep > 0 && Answered[keep - 1] > now + FutureTolerance)
        {
            keep--;
        }
        Answered.RemoveRange(keep, Answered.Count - keep);

        for (var i = InFlight.Count - 1; i >= 0; i--)
        {
            var flight = InFlight[i];
            if (flight.Start > now + FutureTolerance || flight.Start < now - LongestFlight)
            {
                InFlight.RemoveAt(i);
            }
            else if (!Members.Exists(m => m.Id == flight.Owner))
            {
                InFlight.RemoveAt(i);
                AddAnswered(now);
            }
        }

        if (PauseUntil <= now || PauseUntil > now + LongestPause)
        {
            PauseUntil = 0;
        }
    }

    /// <summary>
    /// Takes a slot for request <paramref name="ticket"/> of <paramref name="owner"/> when one is
    /// free and there is no pause: returns 0. Otherwise returns how many ticks to wait before a
    /// slot frees, or <see cref="WhenAnswered"/> when only an answer can free one.
    /// </summary>
    public long TryTake(long owner, long ticket, long now, int limit, long window)
    {
        if (PauseUntil > now)
        {
            return PauseUntil - now;
        }
        // Held - limit + 1 slots must free; answered ones free in answer order, in-flight ones later.
        var excess = Held - limit;
        if (excess < 0)
        {
            InFlight.Add(new Flight(owner, ticket, now));
            return 0;
        }
        return excess < Answered.Count ? Math.Max(1, Answered[excess] + window - now) : WhenAnswered;
    }

    /// <summary>Request <paramref name="ticket"/> was answered (or failed) now. One that is no longer tracked still counts.</summary>
    public void Complete(long owner, long ticket, long now)
    {
        var i = InFlight.FindIndex(f => f.Owner == owner && f.Ticket == ticket);
        if (i >= 0)
        {
            InFlight.RemoveAt(i);
        }
        AddAnswered(now);
    }

    /// <summary>Every request waits until <paramref name="until"/> (a later pause already set is kept).</summary>
    public void Pause(long until) => PauseUntil = Math.Max(PauseUntil, until);

    public LimiterWindow Copy()
    {
        var copy = new LimiterWindow { PauseUntil = PauseUntil };
        copy.Members.AddRange(Members);
        copy.InFlight.AddRange(InFlight);
        copy.Answered.AddRange(Answered);
        return copy;
    }

    /// <summary>The window in the file layout (see remarks).</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[HeaderSize + (Members.Count * MemberSize) + (InFlight.Count * FlightSize) + (Answered.Count * AnsweredSize)];
        var span = bytes.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(span, Magic);
        BinaryPrimitives.WriteInt32LittleEndian(span.Slice(4), FormatVersion);
        BinaryPrimitives.WriteInt64LittleEndian(span.Slice(8), PauseUntil);
        BinaryPrimitives.WriteInt32LittleEndian(span.Slice(16), Members.Count);
        BinaryPrimitives.WriteInt32LittleEndian(span.Slice(20), InFlight.Count);
        BinaryPrimitives.WriteInt32LittleEndian(span.Slice(24), Answered.Count);
        var at = HeaderSize;
        foreach (var m in Members)
        {
            BinaryPrimitives.WriteInt64LittleEndian(span.Slice(at), m.Id);
            BinaryPrimitives.WriteInt32LittleEndian(span.Slice(at + 8), m.RequestsPerMinute);
            at += MemberSize;
        }
        foreach (var f in InFlight)
        {
            BinaryPrimitives.WriteInt64LittleEndian(span.Slice(at), f.Owner);
            BinaryPrimitives.WriteInt64LittleEndian(span.Slice(at + 8), f.Ticket);
            BinaryPrimitives.WriteInt64LittleEndian(span.Slice(at + 16), f.Start);
            at += FlightSize;
        }
        foreach (var a in Answered)
        {
            BinaryPrimitives.WriteInt64LittleEndian(span.Slice(at), a);
            at += AnsweredSize;
        }
        return bytes;
    }

    /// <summary>The window in <paramref name="data"/>, or null when it is not a version-1 window (empty, torn, another format).</summary>
    public static LimiterWindow? Parse(ReadOnlySpan<byte> data)
    {
        if (data.Length < HeaderSize
            || BinaryPrimitives.ReadUInt32LittleEndian(data) != Magic
            || BinaryPrimitives.ReadInt32LittleEndian(data.Slice(4)) != FormatVersion)
        {
            return null;
        }
        var members = BinaryPrimitives.ReadInt32LittleEndian(data.Slice(16));
        var flights = BinaryPrimitives.ReadInt32LittleEndian(data.Slice(20));
        var answered = BinaryPrimitives.ReadInt32LittleEndian(data.Slice(24));
        if (members is < 0 or > MaxMembers || flights is < 0 or > MaxFlights || answered is < 0 or > MaxAnswered
            || data.Length != HeaderSize + ((long)members * MemberSize) + ((long)flights * FlightSize) + ((long)answered * AnsweredSize))
        {
            return null;
        }
        var window = new LimiterWindow { PauseUntil = BinaryPrimitives.ReadInt64LittleEndian(data.Slice(8)) };
        var at = HeaderSize;
        for (var i = 0; i < members; i++, at += MemberSize)
        {
            var rpm = BinaryPrimitives.ReadInt32LittleEndian(data.Slice(at + 8));
            if (rpm < 1)
            {
                return null;
            }
            window.Members.Add(new Member(BinaryPrimitives.ReadInt64LittleEndian(data.Slice(at)), rpm));
        }
        for (var i = 0; i < flights; i++, at += FlightSize)
        {
            window.InFlight.Add(new Flight(
                BinaryPrimitives.ReadInt64LittleEndian(data.Slice(at)),
                BinaryPrimitives.ReadInt64LittleEndian(data.Slice(at + 8)),
                BinaryPrimitives.ReadInt64LittleEndian(data.Slice(at + 16))));
        }
        for (var i = 0; i < answered; i++, at += AnsweredSize)
        {
            window.Answered.Add(BinaryPrimitives.ReadInt64LittleEndian(data.Slice(at)));
        }
        return window;
    }

    private void AddAnswered(long at)
    {
        var i = Answered.Count;
        while (i > 0 && Answered[i - 1] > at)
        {
            i--;
        }
        Answered.Insert(i, at);
    }

    private static bool IsSorted(List<long> values)
    {
        for (var i = 1; i < values.Count; i++)
        {
            if (values[i - 1] > values[i])
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>A process pacing a key, and the requests per minute it was given.</summary>
    public readonly struct Member
    {
        public Member(long id, int requestsPerMinute)
        {
            Id = id;
            RequestsPerMinute = requestsPerMinute;
        }

        public long Id { get; }

        public int RequestsPerMinute { get; }
    }

    /// <summary>A request in flight: whose, which, and since when.</summary>
    public readonly struct Flight
    {
        public Flight(long owner, long ticket, long start)
        {
            Owner = owner;
            Ticket = ticket;
            Start = start;
        }

        public long Owner { get; }

        public long Ticket { get; }

        public long Start { get; }
    }
}
