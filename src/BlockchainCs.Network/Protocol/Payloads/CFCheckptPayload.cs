using BlockchainCs.Core.Primitives;
using BlockchainCs.Core.Serialization;

namespace BlockchainCs.Network.Protocol.Payloads;

/// <summary>BIP 157: the filter headers at heights 1,000, 2,000, … up to the stop hash's (answers getcfcheckpt).</summary>
public sealed record CFCheckptPayload(byte FilterType, Hash256 StopHash, IReadOnlyList<Hash256> FilterHeaders) : IPayload
{
    /// <summary>Checkpoints of a 100-million-block chain: more is not an answer.</summary>
    public const int MaxHeaders = 100_000;

    public string Command => Commands.CFCheckpt;

    public void Write(ByteWriter writer)
    {
        writer.WriteByte(FilterType);
        writer.WriteHash(StopHash);
        WireFormat.WriteHashes(writer, FilterHeaders, MaxHeaders, nameof(FilterHeaders));
    }

    public static CFCheckptPayload Read(ref ByteReader reader) =>
        new(reader.ReadByte(), reader.ReadHash(), WireFormat.ReadHashes(ref reader, MaxHeaders, nameof(FilterHeaders)));

    public bool Equals(CFCheckptPayload? other) =>
        other is not null && FilterType == other.FilterType && StopHash == other.StopHash && SequenceEquality.Equal(FilterHeaders, other.FilterHeaders);

    public override int GetHashCode() => HashCode.Combine(FilterType, StopHash, FilterHeaders.Count);
}
