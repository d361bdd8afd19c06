using BlockchainCs.Core.Primitives;
using BlockchainCs.Core.Serialization;

namespace BlockchainCs.Network.Protocol;

/// <summary>
/// Reads and writes the 88-byte block header used by headers and merkleblock. Decoding goes through
/// <see cref="Block.Read"/> (with a zero transaction count appended) so the header layout lives in one place.
/// </summary>
internal static class HeaderCodec
{
    public static void WriteHeader(ByteWriter writer, Block header) => header.WriteHeader(writer);

    public static Block ReadHeader(ref ByteReader reader)
    {
        Span<byte> buffer = stackalloc byte[Block.HeaderSize + 1];
        reader.ReadSpan(Block.HeaderSize).CopyTo(buffer);
        buffer[Block.HeaderSize] = 0;
        var headerReader = new ByteReader(buffer);
        return Block.Read(ref headerReader);
    }

    /// <summary>Headers are equal when they hash the same and claim the same height (transactions are ignored).</summary>
    public static bool SameHeader(Block left, Block right) => left.Hash == right.Hash && left.Height == right.Height;
}
