using BlockchainCs.Core.Primitives;
using BlockchainCs.Core.Serialization;

namespace BlockchainCs.Network.Protocol.Payloads;

/// <summary>
/// The handshake's first message (the tutorial's version, which carried only Version, BestHeight and
/// AddrFrom). The genesis hash lets nodes of different chains part at once; the nonce detects connecting to ourselves.
/// </summary>
public sealed record VersionPayload(
    int ProtocolVersion,
    ulong Services,
    long Timestamp,
    int BestHeight,
    Hash256 GenesisHash,
    NetworkAddress ListenAddress,
    ulong Nonce,
    string UserAgent) : IPayload
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
        WireFormat.ReadString(ref reader, MaxUserAgentBytes, nameof(UserAgent)));
}
