using Bridges.Testing.Homeserver.Http;
using Bridges.Testing.Homeserver.Model;

namespace Bridges.Testing.Homeserver.Logic;

/// <summary>
/// Looks up users and aliases, asking the appservice whose namespace covers an unknown one
/// (<c>GET /_matrix/app/v1/users/{userId}</c>, <c>GET /_matrix/app/v1/rooms/{alias}</c>). Never holds the lock
/// across the query: the appservice usually calls back (register, createRoom) before it answers.
/// </summary>
internal sealed class Resolver(HomeserverContext ctx)
{
    /// <summary>True when the user is registered, or the appservice of its namespace answered 200.</summary>
    public async Task<bool> UserExistsAsync(string userId, CancellationToken ct)
    {
        AppServiceRegistration? target;
        lock (ctx.Gate)
        {
            if (ctx.Users.ContainsKey(userId))
            {
                return true;
            }

            target = ctx.IsLocalUser(userId) ? ctx.AppServices.UserQueryTarget(userId) : null;
        }

        if (target is null)
        {
            return false;
        }

        var response = await ctx.AppServices.Client.SendAsync(target, HttpMethod.Get,
            "/_matrix/app/v1/users/" + Uri.EscapeDataString(userId), null, ct);
        if (!response.IsOk)
        {
            return false;
        }

        // Spec: the appservice answers 200 only once it has created the user. One that says yes without registering
        // would work against a lenient server and break on a real one, so it is a violation here.
        lock (ctx.Gate)
        {
            if (ctx.Users.ContainsKey(userId))
            {
                return true;
            }
        }

        ctx.Violations.Record(SpecViolationSource.Request, $"GET /_matrix/app/v1/users/{userId} answered by {target.Id}",
            [new SchemaViolation("$", "user-created", "the appservice answered 200 but did not register the user")]);
        return false;
    }

    public async Task RequireUserAsync(string userId, CancellationToken ct)
    {
        if (!await UserExistsAsync(userId, ct))
        {
            throw MatrixError.NotFound($"User {userId} does not exist");
        }
    }

    /// <summary>The room id of a local alias, querying the appservice of its namespace when unknown.</summary>
    public async Task<string?> ResolveAliasAsync(string alias, CancellationToken ct)
    {
        AppServiceRegistration? target;
        lock (ctx.Gate)
        {
            if (ctx.Aliases.TryGetValue(alias, out var entry))
            {
                return entry.RoomId;
            }

            target = alias.EndsWith(":" + ctx.ServerName, StringComparison.Ordinal)
                ? ctx.AppServices.AliasQueryTarget(alias)
                : null;
        }

        if (target is null)
        {
            return null;
        }

        var response = await ctx.AppServices.Client.SendAsync(target, HttpMethod.Get,
            "/_matrix/app/v1/rooms/" + Uri.EscapeDataString(alias), null, ct);
        if (!response.IsOk)
        {
            return null;
        }

        lock (ctx.Gate)
        {
            if (ctx.Aliases.TryGetValue(alias, out var entry))
            {
                return entry.RoomId;
            }
        }

        // Spec: a 200 means the appservice has created the room with this alias.
        ctx.Violations.Record(SpecViolationSource.Request, $"GET /_matrix/app/v1/rooms/{alias} answered by {target.Id}",
            [new SchemaViolation("$", "alias-created", "the appservice answered 200 but did not create a room with the alias")]);
        return null;
    }
}
