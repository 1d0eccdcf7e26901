using System.Collections.Generic;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using GrinfiPS.Model;

namespace GrinfiPS.Client;

/// <summary>Notes on contacts and companies. The API lists all of a team's notes, with no filter, total or get-by-UUID.</summary>
internal sealed partial class GrinfiApi
{
    private const string Notes = "/leads/api/notes";

    /// <summary>
    /// Every note of the team, oldest first, page by page: the only way to find the notes of a
    /// contact or company is to read them all and keep theirs.
    /// </summary>
    public CollectionPager<GrinfiNote> NotePages(PageSizes? sizes = null) =>
        new((limit, offset, ctx) => ReadPageAsync(Notes, Paging(limit, offset, ascending: true), "notes", j => Attach(new GrinfiNote(j)), ctx),
            "the notes", sizes: sizes);

    /// <summary>Adds a note; never sent twice (a retry would add a second note).</summary>
    public async Task<GrinfiNote> CreateNoteAsync(string apiObject, string objectUuid, string text, CallContext ctx)
    {
        var body = new JsonObject { ["object"] = apiObject, ["object_uuid"] = objectUuid, ["note"] = text };
        return Attach(new GrinfiNote(ApiJson.Single(await Http.SendJsonAsync(GrinfiRequest.Create(Notes, body), ctx).ConfigureAwait(false), "a new note")));
    }

    public async Task<GrinfiNote> UpdateNoteAsync(string uuid, string text, CallContext ctx) =>
        Attach(new GrinfiNote(ApiJson.Single(await Http.SendJsonAsync(GrinfiRequest.Put(ApiPath.Of(Notes, uuid), new JsonObject { ["note"] = text }), ctx).ConfigureAwait(false), "an updated note")));

    public Task DeleteNoteAsync(string uuid, CallContext ctx) =>
        Http.SendAsync(GrinfiRequest.Delete(ApiPath.Of(Notes, uuid)), ctx);

    // ---- paged GET collections, streamed (see CollectionPager) ----

    /// <summary>One page of a GET collection.</summary>
    private async Task<ApiPage<T>> ReadPageAsync<T>(string path, IEnumerable<KeyValuePair<string, string>> query, string what, System.Func<JsonObject, T> map, CallContext ctx) =>
        ApiPage<T>.From(await Http.SendJsonAsync(GrinfiRequest.Get(path, query), ctx).ConfigureAwait(false), what, map);

    /// <summary>limit and offset, and the order when the collection takes one: created_at, so that items added during a read come after it.</summary>
    private static List<KeyValuePair<string, string>> Paging(int limit, int offset, bool? ascending = null)
    {
        var query = new List<KeyValuePair<string, string>>
        {
            new("limit", limit.ToString(CultureInfo.InvariantCulture)),
            new("offset", offset.ToString(CultureInfo.InvariantCulture)),
        };
        if (ascending is bool asc)
        {
            query.Add(new("order_field", "created_at"));
            query.Add(new("order_type", asc ? "asc" : "desc"));
        }
        return query;
    }
}
