using BlockchainCs.Core.Serialization;

namespace BlockchainCs.Network.Protocol.Payloads;

/// <summary>
/// BIP 133: "do not announce transactions paying less than this to me" - a fee rate in coins per 1,000 bytes, sent when
/// the sender's minimum changes (its floor, or a full pool's raised minimum).
/// </summary>
public sealed record FeeFilterPayload(long FeeRate) : IPayload
{
    public string Command => Commands.FeeFilter;

    public void Write(ByteWriter writer) => writer.WriteInt64(FeeRate);

    public static FeeFilterPayload Read(ref ByteReader reader)
    {
        var rate = reader.ReadInt64();
        return rate >= 0 ? new FeeFilterPayload(rate) : throw new DecodeException($"a negative fee rate {rate}");
    }
}
