using BlockchainCs.Network.Protocol.Payloads;

namespace BlockchainCs.Network;

/// <summary>
/// The version/verack handshake failed: the other side is on another chain, is ourselves, broke the protocol, or
/// refused us (<see cref="RemoteReject"/>). <see cref="Misbehaved"/> says whether the peer is to blame.
/// </summary>
public sealed class HandshakeException(string message, bool misbehaved = false, RejectPayload? remoteReject = null) : Exception(message)
{
    public bool Misbehaved { get; } = misbehaved;

    /// <summary>The reject the other side sent to refuse us, if that is why.</summary>
    public RejectPayload? RemoteReject { get; } = remoteReject;
}
