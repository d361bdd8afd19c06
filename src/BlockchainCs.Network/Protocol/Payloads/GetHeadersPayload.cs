using BlockchainCs.Core.Primitives;
using BlockchainCs.Core.Serialization;

namespace BlockchainCs.Network.Protocol.Payloads;

/// <summary>
/// Asks for the headers after the first locator hash the peer knows (answered with headers).
/// <see cref="HashStop"/> is the last hash wanted, or zero for "as many as allowed".
/// </summary>
public sealed record GetHeadersPayload(int ProtocolVersion, IReadOnlyList<Hash256> Locator, Hash256 HashStop) : IPayload
{
    public const int MaxLocatorHashes = GetBlocksPayload.MaxLocatorHashes;

    public string Command => Commands.GetHeaders;

    public void Write(ByteWriter writer)
    {
        writer.WriteInt32(ProtocolVersion);
        WireFormat.WriteHashes(writer, Locator, MaxLocatorHashes, nameof(Locator));
        writer.WriteHash(HashStop);
    }

    public static GetHeadersPayload Read(ref ByteReader reader) =>
        new(reader.ReadInt32(), WireFormat.ReadHashes(ref reader, MaxLocatorHashes, nameof(Locator)), reader.ReadHash());

    public bool Equals(GetHeadersPayload? other) =>
        other is not null && ProtocolVersion == other.ProtocolVersion && HashStop == other.HashStop &&
        SequenceEquality.Equal(Locator, other.Locator);

    public override int GetHashCode() => HashCode.Combine(ProtocolVersion, HashStop, SequenceEquality.Hash(Locator));
}
