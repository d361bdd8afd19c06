using BlockchainCs.Core.Primitives;
using BlockchainCs.Core.Serialization;

namespace BlockchainCs.Network.Protocol.Payloads;

/// <summary>
/// BIP 157: answers getcfheaders with the filter header before the range and each block's filter hash
/// (dSHA256(filter)); the client chains them: header = dSHA256(filter hash ‖ previous header).
/// </summary>
public sealed record CFHeadersPayload(byte FilterType, Hash256 StopHash, Hash256 PreviousFilterHeader, IReadOnlyList<Hash256> FilterHashes) : IPayload
{
    public const int MaxHashes = 2_000;

    public string Command => Commands.CFHeaders;

    public void Write(ByteWriter writer)
    {
        writer.WriteByte(FilterType);
        writer.WriteHash(StopHash);
        writer.WriteHash(PreviousFilterHeader);
        WireFormat.WriteHashes(writer, FilterHashes, MaxHashes, nameof(FilterHashes));
    }

    public static CFHeadersPayload Read(ref ByteReader reader) =>
        new(reader.ReadByte(), reader.ReadHash(), reader.ReadHash(), WireFormat.ReadHashes(ref reader, MaxHashes, nameof(FilterHashes)));

    public bool Equals(CFHeadersPayload? other) =>
        other is not null && FilterType == other.FilterType && StopHash == other.StopHash && PreviousFilterHeader == other.PreviousFilterHeader
        && SequenceEquality.Equal(FilterHashes, other.FilterHashes);

    public override int GetHashCode() => HashCode.Combine(FilterType, StopHash, FilterHashes.Count);
}
