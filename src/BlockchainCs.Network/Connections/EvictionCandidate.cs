namespace BlockchainCs.Network;

/// <summary>What inbound eviction knows of one inbound connection.</summary>
public sealed record EvictionCandidate(
    long Id,
    DateTimeOffset ConnectedAt,
    bool HandshakeDone,
    TimeSpan? MinPing,
    DateTimeOffset LastBlock,
    DateTimeOffset LastTransaction,
    DateTimeOffset LastServedBlock,
    string NetworkGroup,
    ulong KeyedGroup)
{
    public static EvictionCandidate Of(Peer peer, ulong keyedGroup) => new(peer.Id, peer.ConnectedAt, peer.IsReady, peer.Stats.MinPing,
        peer.Stats.LastBlock, peer.Stats.LastTransaction, peer.Stats.LastServedBlock, Network.NetworkGroup.Of(peer.RemoteIp), keyedGroup);
}
