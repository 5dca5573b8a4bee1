using Bridges.Matrix.Ids;

namespace Bridges.Matrix.AppService;

/// <summary>Answers the homeserver's user and alias queries (the appservice creates what it claims).</summary>
public interface IAppServiceQueryHandler
{
    /// <summary>True when the user exists now (the appservice registered it); false answers 404.</summary>
    Task<bool> QueryUserAsync(UserId userId, CancellationToken ct);

    /// <summary>True when a room with this alias exists now (the appservice created it); false answers 404.</summary>
    Task<bool> QueryAliasAsync(RoomAlias alias, CancellationToken ct);
}
