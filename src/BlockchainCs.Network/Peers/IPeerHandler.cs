using BlockchainCs.Network.Protocol;
using BlockchainCs.Network.Protocol.Payloads;

namespace BlockchainCs.Network;

/// <summary>What a <see cref="Peer"/> needs from its node: who we are, what a message means, and data to answer getdata with.</summary>
public interface IPeerHandler
{
    /// <summary>What we announce in our version message.</summary>
    LocalNode Local { get; }

    TimeProvider Time { get; }

    /// <summary>Refuses a version for the node's own reasons (a connection to itself), by returning why; null accepts it.</summary>
    string? AcceptVersion(Peer peer, VersionPayload version);

    /// <summary>The handshake is done: the peer can be used.</summary>
    void OnReady(Peer peer);

    /// <summary>One message after the handshake (<paramref name="size"/> its payload bytes); a peer's messages are handled one at a time, in order.</summary>
    ValueTask HandleAsync(Peer peer, IPayload payload, int size, CancellationToken cancellationToken);

    /// <summary>A command nobody knows (read and ignored, as Bitcoin nodes do).</summary>
    void OnUnknownCommand(Peer peer, string command, int size);

    /// <summary>The peer broke the protocol (malformed or oversized message, messages out of order).</summary>
    void OnMisbehaving(Peer peer, Offence offence, string detail);

    /// <summary>Handling a message threw something unexpected: a bug of ours, logged, and the connection closed.</summary>
    void OnError(Peer peer, Exception error);

    /// <summary>The connection is closed (<see cref="Peer.CloseReason"/> says why).</summary>
    void OnClosed(Peer peer);

    /// <summary>
    /// Answers one getdata item: adds the framed messages that carry it (a block, a tx; a merkleblock and its txs) to
    /// <paramref name="responses"/>, or returns false when we do not have it (it goes into a notfound).
    /// </summary>
    bool Respond(Peer peer, InventoryVector item, List<byte[]> responses);
}
