using BlockchainCs.Core.Serialization;

namespace BlockchainCs.Network.Protocol.Payloads;

/// <summary>Asks a peer to announce (with inv) the transactions in its memory pool. Empty payload.</summary>
public sealed record MempoolPayload : IPayload
{
    public static MempoolPayload Instance { get; } = new();

    public string Command => Commands.Mempool;

    public void Write(ByteWriter writer)
    {
        // Nothing to write: the command alone is the message.
    }

    public static MempoolPayload Read(ref ByteReader reader) => Instance;
}
