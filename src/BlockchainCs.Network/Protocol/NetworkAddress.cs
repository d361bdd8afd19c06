using BlockchainCs.Core.Serialization;

namespace BlockchainCs.Network.Protocol;

/// <summary>
/// Where a node listens. Unlike Bitcoin's fixed 16-byte IPv6 field, the host is a string (an IP address or a
/// DNS name, like the tutorial's "localhost:3000"). Wire: services uint64 LE ‖ varstring host ‖ port uint16 LE.
/// </summary>
public sealed record NetworkAddress(ulong Services, string Host, ushort Port)
{
    public const int MaxHostBytes = 255;

    /// <summary>The smallest encoding: services, an empty host's length byte, the port.</summary>
    public const int MinSize = 8 + 1 + 2;

    public void Write(ByteWriter writer)
    {
        writer.WriteUInt64(Services);
        WireFormat.WriteString(writer, Host, MaxHostBytes, nameof(Host));
        writer.WriteUInt16(Port);
    }

    // C# evaluates arguments left to right, so the fields are read in wire order.
    public static NetworkAddress Read(ref ByteReader reader) =>
        new(reader.ReadUInt64(), WireFormat.ReadString(ref reader, MaxHostBytes, nameof(Host)), reader.ReadUInt16());

    public override string ToString() => Host.Contains(':') ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
