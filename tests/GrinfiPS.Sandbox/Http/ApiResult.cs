using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GrinfiPS.Sandbox.Http;

/// <summary>
/// A finished answer, held as bytes until the pipeline decides to send it. Handlers return
/// these instead of writing to the response so that the pipeline can log the request before
/// the client sees anything, and can throw the answer away for a <c>drop-after</c> fault.
/// </summary>
internal sealed class ApiResult
{
    public const string JsonType = "application/json";

    /// <summary>
    /// Writer options for every answer: the relaxed encoder leaves apostrophes and non-ASCII
    /// letters as they are ("O'Brien", "Müller") instead of \u escapes, as PHP's encoder does.
    /// </summary>
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        SkipValidation = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly ReadOnlyMemory<byte> _comma = ","u8.ToArray();
    private static readonly ReadOnlyMemory<byte> _pageHead = "{\"data\":["u8.ToArray();
    private static readonly ReadOnlyMemory<byte> _pageMiddle = "],"u8.ToArray();

    private static readonly JsonSerializerOptions _nodeOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public ApiResult(int status, byte[]? body, string? contentType)
    {
        Status = status;
        Body = body;
        ContentType = contentType;
    }

    private ApiResult(int status, List<ReadOnlyMemory<byte>> segments, string contentType)
    {
        Status = status;
        Segments = segments;
        ContentType = contentType;
    }

    /// <summary>For a page sent as segments: its items, each a cached JSON object.</summary>
    public IReadOnlyList<byte[]>? PageItems { get; private init; }

    /// <summary>For a page sent as segments: the same page with an empty <c>data</c>, to check its envelope cheaply.</summary>
    public byte[]? PageEnvelope { get; private init; }

    public int Status { get; }

    /// <summary>The body in one piece; null when the answer has no body or is in <see cref="Segments"/>.</summary>
    public byte[]? Body { get; }

    /// <summary>
    /// The body as pieces sent one after the other: a page of leads is sent straight from
    /// the contacts' cached JSON, without first copying 150 KB into one array (which would
    /// land on the large object heap on every request).
    /// </summary>
    public List<ReadOnlyMemory<byte>>? Segments { get; }

    public long Length => Body?.Length ?? Segments?.Sum(s => (long)s.Length) ?? 0;

    public string? ContentType { get; }

    public List<KeyValuePair<string, string>>? Headers { get; private set; }

    public ApiResult WithHeader(string name, string value)
    {
        (Headers ??= []).Add(new(name, value));
        return this;
    }

    public static ApiResult NoContent() => new(204, (byte[]?)null, null);

    /// <summary>A status with no body at all, where the document shows none (a 200 included).</summary>
    public static ApiResult Empty(int status = 200) => new(status, (byte[]?)null, null);

    public static ApiResult Json(JsonNode? node, int status = 200) =>
        new(status, Encoding.UTF8.GetBytes(node?.ToJsonString(_nodeOptions) ?? "null"), JsonType);

    public static ApiResult Text(int status, string body, string contentType) =>
        new(status, Encoding.UTF8.GetBytes(body), contentType);

    /// <summary>Builds a JSON answer with a writer, in the relaxed encoding every answer uses.</summary>
    public static ApiResult Write(Action<Utf8JsonWriter> write, int status = 200)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }
        return new ApiResult(status, buffer.WrittenSpan.ToArray(), JsonType);
    }

    /// <summary>A page of pre-serialized JSON items, sent as segments.</summary>
    public static ApiResult RawPage(IReadOnlyList<byte[]> items, int limit, int offset, int total, PageFields fields, bool? hasMore = null)
    {
        var segments = new List<ReadOnlyMemory<byte>>(items.Count * 2 + 3) { _pageHead };
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0) segments.Add(_comma);
            segments.Add(items[i]);
        }
        var tail = Write(w =>
        {
            w.WriteStartObject();
            WritePageTail(w, limit, offset, total, items.Count, fields, hasMore);
            w.WriteEndObject();
        }).Body!;
        // The tail is a complete object {"limit":...}; drop its opening brace to continue ours
        // (or, when the shape carries nothing beside data, just close the array and object).
        byte[] rest = tail.Length > 2 ? [.. _pageMiddle.Span, .. tail.AsSpan(1)] : "]}"u8.ToArray();
        segments.Add(rest);
        var envelope = new byte[_pageHead.Length + rest.Length];
        _pageHead.Span.CopyTo(envelope);
        rest.CopyTo(envelope.AsSpan(_pageHead.Length));
        return new ApiResult(200, segments, JsonType) { PageItems = items, PageEnvelope = envelope };
    }

    /// <summary>A page: data, then those of the limit actually applied, offset, total and has_more the shape carries.</summary>
    /// <remarks><paramref name="hasMore"/> overrides the has_more that offset, count and total give (a phantom page always claims more).</remarks>
    public static ApiResult Page(IReadOnlyList<JsonNode> items, int limit, int offset, int total, PageFields fields, bool? hasMore = null) =>
        Write(w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("data");
            w.WriteStartArray();
            foreach (var item in items) item.WriteTo(w);
            w.WriteEndArray();
            WritePageTail(w, limit, offset, total, items.Count, fields, hasMore);
            w.WriteEndObject();
        });

    public static void WritePageTail(Utf8JsonWriter w, int limit, int offset, int total, int count, PageFields fields, bool? hasMore = null)
    {
        if (fields.HasFlag(PageFields.Limit)) w.WriteNumber("limit", limit);
        if (fields.HasFlag(PageFields.Offset)) w.WriteNumber("offset", offset);
        if (fields.HasFlag(PageFields.Total)) w.WriteNumber("total", total);
        if (fields.HasFlag(PageFields.HasMore)) w.WriteBoolean("has_more", hasMore ?? (long)offset + count < total);
    }
}
