using GrinfiPS.Sandbox.Http;

namespace GrinfiPS.Sandbox.Endpoints;

/// <summary><c>GET /id/api/users/current</c>: the key's user, the cheapest way to check a key.</summary>
internal static class UserEndpoints
{
    public static void Map(Router r) => r.Map("GET", "/id/api/users/current", req => ApiResult.Json(req.Team.User.ToJson()));
}
