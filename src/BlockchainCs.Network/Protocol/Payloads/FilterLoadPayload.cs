using BlockchainCs.Core.Serialization;

namespace BlockchainCs.Network.Protocol.Payloads;

/// <summary>
/// BIP 37: an SPV client sets a bloom filter on the connection; the peer then relays only the transactions,
/// and sends only the merkleblocks, that match it.
/// </summary>
public sealed record FilterLoadPayload(byte[] Filter, uint HashFunctions, uint Tweak, byte Flags) : IPayload
{
    public const int MaxFilterBytes = 36_000;
    public const uint MaxHashFunctions = 50;

    public string Command => Commands.FilterLoad;

    public void Write(ByteWriter writer)
    {
        if (HashFunctions > MaxHashFunctions)
            throw new ArgumentException($"{HashFunctions} hash functions; the limit is {MaxHashFunctions}", nameof(HashFunctions));
        WireFormat.WriteBytes(writer, Filter, MaxFilterBytes, nameof(Filter));
        writer.WriteUInt32(HashFunctions);
        writer.WriteUInt32(Tweak);
        writer.WriteByte(Flags);
    }

    public static FilterLoadPayload Read(ref ByteReader reader)
    {
        var filter = WireFormat.ReadBytes(ref reader, MaxFilterBytes, nameof(Filter));
        var hashFunctions = reader.ReadUInt32();
        // Each hash function costs the peer work per transaction, hence the cap.
        if (hashFunctions > MaxHashFunctions)
            throw new DecodeException($"{hashFunctions} hash functions; the limit is {MaxHashFunctions}");
        return new FilterLoadPayload(filter, hashFunctions, reader.ReadUInt32(), reader.ReadByte());
    }

    public bool Equals(FilterLoadPayload? other) =>
        other is not null && Filter.AsSpan().SequenceEqual(other.Filter) &&
        HashFunctions == other.HashFunctions && Tweak == other.Tweak && Flags == other.Flags;

    public override int GetHashCode() => HashCode.Combine(Filter.Length, HashFunctions, Tweak, Flags);
}
