using BlockchainCs.Core.Primitives;
using BlockchainCs.Core.Serialization;

namespace BlockchainCs.Network.Protocol.Payloads;

/// <summary>BIP 157: one block's filter, answering getcfilters (one message per block of the range).</summary>
public sealed record CFilterPayload(byte FilterType, Hash256 BlockHash, byte[] Filter) : IPayload
{
    /// <summary>A filter of a 1 MB block is far smaller (about 21 bits an item): more is not a filter.</summary>
    public const int MaxFilterBytes = 1024 * 1024;

    public string Command => Commands.CFilter;

    public void Write(ByteWriter writer)
    {
        writer.WriteByte(FilterType);
        writer.WriteHash(BlockHash);
        WireFormat.WriteBytes(writer, Filter, MaxFilterBytes, nameof(Filter));
    }

    public static CFilterPayload Read(ref ByteReader reader) =>
        new(reader.ReadByte(), reader.ReadHash(), WireFormat.ReadBytes(ref reader, MaxFilterBytes, nameof(Filter)));

    public bool Equals(CFilterPayload? other) =>
        other is not null && FilterType == other.FilterType && BlockHash == other.BlockHash && Filter.AsSpan().SequenceEqual(other.Filter);

    public override int GetHashCode() => HashCode.Combine(FilterType, BlockHash, Filter.Length);
}
