using BlockchainCs.Network.Protocol;

namespace BlockchainCs.Network;

/// <summary>What a <see cref="Peer"/> hands its messages to (the node's message processing).</summary>
public interface IPeerHandler
{
    /// <summary>Handles one message; messages of one peer are handled one at a time, in order.</summary>
    Task HandleAsync(Peer peer, IPayload payload, CancellationToken cancellationToken);

    /// <summary>A message with a command nobody knows (ignored, as Bitcoin nodes do).</summary>
    void OnUnknownCommand(Peer peer, string command);

    /// <summary>The peer broke the protocol (malformed, oversized, out-of-order messages): it is being dropped.</summary>
    void OnMisbehaving(Peer peer, string reason);

    void OnDisconnected(Peer peer, string reason);
}
