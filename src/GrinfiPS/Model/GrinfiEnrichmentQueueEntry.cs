using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace GrinfiPS.Model;

/// <summary>
/// An entry of the enrichment queue. The document gives entries no shape, so only the uuid has
/// a property of its own (empty when the server sends none); every field the server sends
/// appears as a property named after it (ObjectType, Status, CreatedAt, ...).
/// </summary>
public sealed class GrinfiEnrichmentQueueEntry : GrinfiObject
{
    private static readonly ISet<string> s_fields = Fields("uuid");

    internal GrinfiEnrichmentQueueEntry(JsonObject json)
        : base(json)
    {
    }

    /// <inheritdoc />
    public override string Uuid => ReadUuid();

    private protected override ISet<string> KnownFields => s_fields;

    /// <inheritdoc />
    public override string ToString() => Uuid.Length > 0 ? Uuid : ToJson();
}
