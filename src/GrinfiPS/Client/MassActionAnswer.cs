using System.Text.Json.Nodes;

namespace GrinfiPS.Client;

/// <summary>What a mass action answered: the vendor sends no body, so both are usually null.</summary>
internal sealed class MassActionAnswer
{
    public MassActionAnswer(long? count, JsonNode? data)
    {
        Count = count;
        Data = data;
    }

    /// <summary>Contacts the server says it acted on, when it says.</summary>
    public long? Count { get; }

    /// <summary>Anything else it returned (an export's id, say).</summary>
    public JsonNode? Data { get; }
}
