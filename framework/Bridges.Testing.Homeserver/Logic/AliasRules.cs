using Bridges.Testing.Homeserver.Http;
using Bridges.Testing.Homeserver.Model;

namespace Bridges.Testing.Homeserver.Logic;

/// <summary>Who may create or delete which alias: local, well-formed, and respecting appservice namespaces.</summary>
internal sealed class AliasRules(HomeserverContext ctx)
{
    /// <summary>Checks a new alias; "already exists" is 400 M_ROOM_IN_USE for createRoom, 409 for the directory PUT.</summary>
    public void CheckCreate(Requester requester, string alias, bool forDirectoryPut = false)
    {
        CheckGrammar(alias);
        if (ctx.Aliases.ContainsKey(alias))
        {
            throw forDirectoryPut
                ? MatrixError.Create(409, "M_UNKNOWN", $"Room alias {alias} already exists.")
                : MatrixError.Create(400, "M_ROOM_IN_USE", $"Room alias {alias} already taken");
        }

        CheckNamespace(requester, alias);
    }

    public void CheckDelete(Requester requester, string alias, AliasEntry entry)
    {
        if (requester.AppService is not null)
        {
            CheckNamespace(requester, alias);
            return;
        }

        if (entry.Creator != requester.UserId)
        {
            throw MatrixError.Forbidden("You don't have permission to delete the alias.");
        }
    }

    public void CheckGrammar(string alias)
    {
        var colon = alias.IndexOf(':', StringComparison.Ordinal);
        if (!alias.StartsWith('#') || colon < 2 || alias.Length > 255 || alias.Any(char.IsWhiteSpace))
        {
            throw MatrixError.InvalidParam($"Room alias {alias} invalid");
        }

        if (alias[(colon + 1)..] != ctx.ServerName)
        {
            throw MatrixError.InvalidParam($"Room alias {alias} is not on this server");
        }
    }

    private void CheckNamespace(Requester requester, string alias)
    {
        if (requester.AppService is { } service)
        {
            // Synapse: an appservice may only manage aliases in its own namespace.
            if (!service.IsInterestedInAlias(alias))
            {
                throw MatrixError.Exclusive("This application service has not reserved this kind of alias.");
            }

            return;
        }

        if (ctx.AppServices.ExclusiveAliasOwner(alias) is not null)
        {
            throw MatrixError.Exclusive("This alias is reserved by an application service.");
        }
    }
}
