using BlockchainCs.Core.Serialization;

namespace BlockchainCs.Network.Protocol;

/// <summary>One addr entry: when the node was last seen (unix seconds) and where it listens.</summary>
public readonly record struct TimestampedAddress(long Timestamp, NetworkAddress Address)
{
    public const int MinSize = 8 + NetworkAddress.MinSize;

    public void Write(ByteWriter writer)
    {
        writer.WriteInt64(Timestamp);
        Address.Write(writer);
    }

    public static TimestampedAddress Read(ref ByteReader reader) => new(reader.ReadInt64(), NetworkAddress.Read(ref reader));
}
