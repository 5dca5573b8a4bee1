using Bridges.Testing.Homeserver.Logic;
using Bridges.Testing.Homeserver.Model;

namespace Bridges.Testing.Homeserver.Endpoints;

/// <summary>The logic objects the endpoint groups share.</summary>
internal sealed class HomeserverServices
{
    public HomeserverServices(HomeserverContext ctx)
    {
        Ctx = ctx;
        Resolver = new Resolver(ctx);
        AliasRules = new AliasRules(ctx);
        Membership = new MembershipService(ctx);
        Ephemeral = new EphemeralService(ctx);
        Creator = new RoomCreator(ctx, Resolver, AliasRules);
        Sync = new SyncBuilder(ctx, Ephemeral);
    }

    public HomeserverContext Ctx { get; }

    public Resolver Resolver { get; }

    public AliasRules AliasRules { get; }

    public MembershipService Membership { get; }

    public EphemeralService Ephemeral { get; }

    public RoomCreator Creator { get; }

    public SyncBuilder Sync { get; }
}
