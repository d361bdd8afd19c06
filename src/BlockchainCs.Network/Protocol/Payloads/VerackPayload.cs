using BlockchainCs.Core.Serialization;

namespace BlockchainCs.Network.Protocol.Payloads;

/// <summary>Acknowledges a version; the handshake is done once both sides have sent one. Empty payload.</summary>
public sealed record VerackPayload : IPayload
{
    public static VerackPayload Instance { get; } = new();

    public string Command => Commands.Verack;

    public void Write(ByteWriter writer)
    {
        // Nothing to write: the command alone is the message.
    }

    public static VerackPayload Read(ref ByteReader reader) => Instance;
}
