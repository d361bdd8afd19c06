using BlockchainCs.Core.Serialization;

namespace BlockchainCs.Network.Protocol.Payloads;

/// <summary>BIP 37: adds one element (a public-key hash, an outpoint...) to the loaded bloom filter.</summary>
public sealed record FilterAddPayload(byte[] Data) : IPayload
{
    /// <summary>Bitcoin's largest script element.</summary>
    public const int MaxDataBytes = 520;

    public string Command => Commands.FilterAdd;

    public void Write(ByteWriter writer) => WireFormat.WriteBytes(writer, Data, MaxDataBytes, nameof(Data));

    public static FilterAddPayload Read(ref ByteReader reader) => new(WireFormat.ReadBytes(ref reader, MaxDataBytes, nameof(Data)));

    public bool Equals(FilterAddPayload? other) => other is not null && Data.AsSpan().SequenceEqual(other.Data);

    public override int GetHashCode() => Data.Length;
}
