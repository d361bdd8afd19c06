using BlockchainCs.Core.Primitives;
using BlockchainCs.Core.Serialization;

namespace BlockchainCs.Network.Protocol.Payloads;

/// <summary>
/// BIP 157's getcfilters and getcfheaders (one layout): the filter type (0, basic), the first height wanted, and the
/// hash of the last block wanted, which must be on the serving node's best chain.
/// </summary>
public sealed record FilterRangeRequestPayload(string Command, byte FilterType, uint StartHeight, Hash256 StopHash) : IPayload
{
    public void Write(ByteWriter writer)
    {
        writer.WriteByte(FilterType);
        writer.WriteUInt32(StartHeight);
        writer.WriteHash(StopHash);
    }

    public static FilterRangeRequestPayload Read(string command, ref ByteReader reader) =>
        new(command, reader.ReadByte(), reader.ReadUInt32(), reader.ReadHash());
}
