using BlockchainCs.Core.Primitives;
using BlockchainCs.Network.Protocol;

namespace BlockchainCs.Network;

/// <summary>
/// What this side of a connection says about itself in its version message. <see cref="Relay"/> false (a light wallet)
/// asks for no transaction announcements until it loads a filter.
/// </summary>
public sealed record LocalNode(NetworkMagic Magic, Hash256 Genesis, ServiceFlags Services, PeerAddress? ListenAddress, string UserAgent, Func<int> Height,
    bool Relay = true)
{
    /// <summary>A light client (send, a test): no services, no listen address.</summary>
    public static LocalNode Client(NetworkMagic magic, Hash256 genesis, int height, string userAgent) =>
        new(magic, genesis, ServiceFlags.None, null, userAgent, () => height);
}
