using GrinfiPS.Sandbox.Http;

namespace GrinfiPS.Sandbox.Endpoints;

/// <summary><c>GET /id/api/users/current</c>: the key's user, the cheapest way to check a key.</summary>
internal static class UserEndpoints
{
    public static void Map(Router r) => r.Map("GET", "/id/api/users/current", req =>
    {
        var user = req.Team.User.ToJson();
        // The document's user has no team_id; only the generous reading adds it.
        if (req.Reading == SandboxReading.Minimal) user.Remove("team_id");
        return ApiResult.Json(user);
    });
}
