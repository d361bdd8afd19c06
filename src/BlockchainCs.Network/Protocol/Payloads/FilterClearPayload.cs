using BlockchainCs.Core.Serialization;

namespace BlockchainCs.Network.Protocol.Payloads;

/// <summary>BIP 37: removes the bloom filter set by filterload, so the peer relays everything again. Empty payload.</summary>
public sealed record FilterClearPayload : IPayload
{
    public static FilterClearPayload Instance { get; } = new();

    public string Command => Commands.FilterClear;

    public void Write(ByteWriter writer)
    {
        // Nothing to write: the command alone is the message.
    }

    public static FilterClearPayload Read(ref ByteReader reader) => Instance;
}
