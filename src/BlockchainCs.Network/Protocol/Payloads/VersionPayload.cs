using BlockchainCs.Core.Primitives;
using BlockchainCs.Core.Serialization;

namespace BlockchainCs.Network.Protocol.Payloads;

/// <summary>
/// The handshake's first message (the tutorial's version, which carried only Version, BestHeight and
/// AddrFrom). The genesis hash lets nodes of different chains part at once; the nonce detects connecting to ourselves.
/// <see cref="Relay"/> is BIP 37's last field: false asks for no transaction announcements until a filter is loaded
/// (a light wallet's way of not being flooded); null is a version that ends before it (meaning true), kept so, so every
/// message re-encodes to its own bytes. Our nodes always send it.
/// </summary>
public sealed record VersionPayload(
    int ProtocolVersion,
    ulong Services,
    long Timestamp,
    int BestHeight,
    Hash256 GenesisHash,
    NetworkAddress ListenAddress,
    ulong Nonce,
    string UserAgent,
    bool? Relay = null) : IPayload
{
    public const int CurrentProtocolVersion = 1;
    public const int MaxUserAgentBytes = 256;

    public string Command => Commands.Version;

    public void Write(ByteWriter writer)
    {
        writer.WriteInt32(ProtocolVersion);
        writer.WriteUInt64(Services);
        writer.WriteInt64(Timestamp);
        writer.WriteInt32(BestHeight);
        writer.WriteHash(GenesisHash);
        ListenAddress.Write(writer);
        writer.WriteUInt64(Nonce);
        WireFormat.WriteString(writer, UserAgent, MaxUserAgentBytes, nameof(UserAgent));
        if (Relay is { } relay)
            writer.WriteByte(relay ? (byte)1 : (byte)0);
    }

    // C# evaluates arguments left to right, so the fields are read in wire order.
    public static VersionPayload Read(ref ByteReader reader) => new(
        reader.ReadInt32(),
        reader.ReadUInt64(),
        reader.ReadInt64(),
        reader.ReadInt32(),
        reader.ReadHash(),
        NetworkAddress.Read(ref reader),
        reader.ReadUInt64(),
        WireFormat.ReadString(ref reader, MaxUserAgentBytes, nameof(UserAgent)),
        ReadRelay(ref reader));

    private static bool? ReadRelay(ref ByteReader reader)
    {
        if (reader.Remaining == 0)
            return null;
        return reader.ReadByte() switch
        {
            0 => false,
            1 => true,
            var other => throw new DecodeException($"relay flag 0x{other:x2}; it is 0 or 1"),
        };
    }
}
