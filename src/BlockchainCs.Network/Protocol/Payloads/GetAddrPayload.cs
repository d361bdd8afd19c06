using BlockchainCs.Core.Serialization;

namespace BlockchainCs.Network.Protocol.Payloads;

/// <summary>Asks a peer for the addresses of nodes it knows (answered with addr). Empty payload.</summary>
public sealed record GetAddrPayload : IPayload
{
    public static GetAddrPayload Instance { get; } = new();

    public string Command => Commands.GetAddr;

    public void Write(ByteWriter writer)
    {
        // Nothing to write: the command alone is the message.
    }

    public static GetAddrPayload Read(ref ByteReader reader) => Instance;
}
