using BlockchainCs.Core.Primitives;
using BlockchainCs.Core.Serialization;

namespace BlockchainCs.Network.Protocol.Payloads;

/// <summary>BIP 157: asks for the filter headers at every 1,000th block up to the stop hash.</summary>
public sealed record GetCFCheckptPayload(byte FilterType, Hash256 StopHash) : IPayload
{
    public string Command => Commands.GetCFCheckpt;

    public void Write(ByteWriter writer)
    {
        writer.WriteByte(FilterType);
        writer.WriteHash(StopHash);
    }

    public static GetCFCheckptPayload Read(ref ByteReader reader) => new(reader.ReadByte(), reader.ReadHash());
}
