using BlockchainCs.Core.Primitives;
using BlockchainCs.Core.Serialization;

namespace BlockchainCs.Network.Protocol.Payloads;

/// <summary>
/// BIP 37: a block header with a partial Merkle tree proving which of its transactions match the peer's
/// filter. <see cref="Header"/> is a <see cref="Block"/> without transactions; <see cref="Hashes"/> and
/// <see cref="Flags"/> are BIP 37's depth-first hashes and flag bits.
/// </summary>
public sealed record MerkleBlockPayload(Block Header, uint TotalTransactions, IReadOnlyList<Hash256> Hashes, byte[] Flags)
    : IPayload
{
    public const int MaxHashes = Block.MaxTransactions;

    public string Command => Commands.MerkleBlock;

    /// <summary>
    /// A depth-first walk of a tree over n leaves visits at most 2n - 1 nodes, one flag bit each, so the flags
    /// never need more than (2n + 7) / 8 bytes.
    /// </summary>
    public static int MaxFlagBytes(uint totalTransactions) =>
        (int)((2 * (ulong)Math.Min(totalTransactions, (uint)Block.MaxTransactions) + 7) / 8);

    public static int MaxHashCount(uint totalTransactions) => (int)Math.Min(totalTransactions, (uint)MaxHashes);

    public void Write(ByteWriter writer)
    {
        if (TotalTransactions > Block.MaxTransactions)
            throw new ArgumentException($"{TotalTransactions} transactions; a block holds at most {Block.MaxTransactions}", nameof(TotalTransactions));
        HeaderCodec.WriteHeader(writer, Header);
        writer.WriteUInt32(TotalTransactions);
        WireFormat.WriteHashes(writer, Hashes, MaxHashCount(TotalTransactions), nameof(Hashes));
        WireFormat.WriteBytes(writer, Flags, MaxFlagBytes(TotalTransactions), nameof(Flags));
    }

    public static MerkleBlockPayload Read(ref ByteReader reader)
    {
        var header = HeaderCodec.ReadHeader(ref reader);
        var total = reader.ReadUInt32();
        if (total > Block.MaxTransactions)
            throw new DecodeException($"{total} transactions; a block holds at most {Block.MaxTransactions}");
        var hashes = WireFormat.ReadHashes(ref reader, MaxHashCount(total), nameof(Hashes));
        var flags = WireFormat.ReadBytes(ref reader, MaxFlagBytes(total), nameof(Flags));
        return new MerkleBlockPayload(header, total, hashes, flags);
    }

    public bool Equals(MerkleBlockPayload? other) =>
        other is not null && HeaderCodec.SameHeader(Header, other.Header) && TotalTransactions == other.TotalTransactions &&
        SequenceEquality.Equal(Hashes, other.Hashes) && Flags.AsSpan().SequenceEqual(other.Flags);

    public override int GetHashCode() => HashCode.Combine(Header.Hash, TotalTransactions, Hashes.Count);
}
