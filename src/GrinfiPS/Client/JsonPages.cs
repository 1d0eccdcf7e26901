using System.Text.Json;
using System.Text.Json.Nodes;

namespace GrinfiPS.Client;

/// <summary>
/// Parses an answer so that a page of contacts never becomes one large document: each
/// element of a top-level array (and of each array in a top-level object, such as a page's
/// data) is parsed on its own. Parsing a 170 KB page whole puts several buffers on the large
/// object heap per page, and streaming 100,000 contacts then runs a full collection for
/// nearly every page; element by element, the buffers stay small.
/// </summary>
internal static class JsonPages
{
    public static JsonNode? Parse(byte[] json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        if (!reader.Read())
        {
            throw new JsonException("The answer is empty.");
        }
        var node = ReadTopLevel(ref reader);
        if (reader.Read())
        {
            throw new JsonException("The answer has more than one JSON value.");
        }
        return node;
    }

    private static JsonNode? ReadTopLevel(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartArray:
                return ReadArray(ref reader);
            case JsonTokenType.StartObject:
                var obj = new JsonObject();
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = reader.GetString()!;
                    reader.Read();
                    obj[name] = reader.TokenType == JsonTokenType.StartArray ? ReadArray(ref reader) : JsonNode.Parse(ref reader);
                }
                return obj;
            default:
                return JsonNode.Parse(ref reader);
        }
    }

    /// <summary>An array, each element its own small document. The reader ends on the array's end.</summary>
    private static JsonArray ReadArray(ref Utf8JsonReader reader)
    {
        var array = new JsonArray();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            array.Add(JsonNode.Parse(ref reader));
        }
        return array;
    }
}
