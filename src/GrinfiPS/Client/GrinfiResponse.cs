using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;

namespace GrinfiPS.Client;

/// <summary>A successful answer.</summary>
internal sealed class GrinfiResponse
{
    public GrinfiResponse(int statusCode, byte[] body, string? contentType, JsonNode? json)
    {
        StatusCode = statusCode;
        Body = body;
        ContentType = contentType;
        Json = json;
    }

    public int StatusCode { get; }

    public byte[] Body { get; }

    public string? ContentType { get; }

    /// <summary>The parsed body, or null for an empty one (204) or a file.</summary>
    public JsonNode? Json { get; }
}
