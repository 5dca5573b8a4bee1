using Bridges.Core.Logins;
using Bridges.Core.Network.Ids;
using Bridges.Matrix.Ids;

namespace Bridges.Core.Database;

/// <summary>Logins of one network.</summary>
public interface IUserLoginStore
{
    Task<UserLogin?> GetAsync(UserLoginId id, CancellationToken ct);

    Task<IReadOnlyList<UserLogin>> ListAsync(CancellationToken ct);

    Task<IReadOnlyList<UserLogin>> ListForUserAsync(UserId user, CancellationToken ct);

    Task UpsertAsync(UserLogin login, CancellationToken ct);

    Task DeleteAsync(UserLoginId id, CancellationToken ct);
}
