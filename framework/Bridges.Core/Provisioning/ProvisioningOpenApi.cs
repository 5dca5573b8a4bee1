using System.Text.Json.Nodes;

namespace Bridges.Core.Provisioning;

/// <summary>The OpenAPI 3.1 description the provisioning API serves of itself.</summary>
internal static class ProvisioningOpenApi
{
    public static string Document(string basePath)
    {
        JsonObject Op(string summary, bool admin = false, bool body = false)
        {
            var op = new JsonObject
            {
                ["summary"] = summary + (admin ? " (admin)" : string.Empty),
                ["parameters"] = new JsonArray(new JsonObject { ["name"] = "user_id", ["in"] = "query", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string" } }),
                ["responses"] = new JsonObject
                {
                    ["200"] = new JsonObject { ["description"] = "OK" },
                    ["401"] = new JsonObject { ["description"] = "No shared secret" },
                    ["403"] = new JsonObject { ["description"] = "Wrong shared secret or insufficient permission" },
                },
            };
            if (body)
            {
                op["requestBody"] = new JsonObject { ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "object" } } } };
            }

            return op;
        }

        var doc = new JsonObject
        {
            ["openapi"] = "3.1.0",
            ["info"] = new JsonObject { ["title"] = "Bridges provisioning API", ["version"] = "1" },
            ["servers"] = new JsonArray(new JsonObject { ["url"] = basePath }),
            ["components"] = new JsonObject { ["securitySchemes"] = new JsonObject { ["sharedSecret"] = new JsonObject { ["type"] = "http", ["scheme"] = "bearer" } } },
            ["security"] = new JsonArray(new JsonObject { ["sharedSecret"] = new JsonArray() }),
            ["paths"] = new JsonObject
            {
                ["/flows"] = new JsonObject { ["get"] = Op("List login flows") },
                ["/login/start/{flowId}"] = new JsonObject { ["post"] = Op("Start a login flow") },
                ["/login/step/{processId}"] = new JsonObject { ["post"] = Op("Submit the fields of the current login step", body: true) },
                ["/login/cancel/{processId}"] = new JsonObject { ["post"] = Op("Cancel a login in progress") },
                ["/logins"] = new JsonObject { ["get"] = Op("List the user's logins") },
                ["/logins/{loginId}"] = new JsonObject { ["delete"] = Op("Log out and forget a login") },
                ["/resolve/{identifier}"] = new JsonObject { ["get"] = Op("Resolve an identifier to a remote chat") },
                ["/bridge"] = new JsonObject { ["post"] = Op("Bridge a room to a remote chat", admin: true, body: true) },
                ["/unbridge"] = new JsonObject { ["post"] = Op("Unbridge a room", admin: true, body: true) },
                ["/portals"] = new JsonObject { ["get"] = Op("List portals") },
                ["/rooms/{roomId}/backfill"] = new JsonObject
                {
                    ["post"] = Op("Fetch a portal's newest messages (body optional: {\"limit\": n}) and bridge those not bridged yet; answers with counts",
                        admin: true, body: true),
                },
            },
        };
        return doc.ToJsonString();
    }
}
