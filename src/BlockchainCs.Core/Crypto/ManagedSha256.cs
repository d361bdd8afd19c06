using System.Buffers.Binary;
using BlockchainCs.Core.Mining;

namespace BlockchainCs.Core.Crypto;

/// <summary>
/// SHA-256 in plain C# for short inputs (the 21-byte Base58Check payload of an address). .NET's SHA-256 goes through
/// OpenSSL, which the process must load first: for a CLI command that only decodes an address and reads the database
/// (getbalance), that load is a third of its start-up. Bulk hashing (blocks, transactions) keeps using .NET's.
/// </summary>
internal static class ManagedSha256
{
    public const int DigestSize = 32;

    public static void HashData(ReadOnlySpan<byte> data, Span<byte> digest)
    {
        Span<uint> state = stackalloc uint[8];
        Sha256Compression.InitialState.CopyTo(state);
        Span<uint> words = stackalloc uint[16];
        Span<byte> block = stackalloc byte[64];
        var full = data.Length / 64;
        for (var b = 0; b < full; b++)
            Compress(state, data.Slice(b * 64, 64), words);

        // The last block(s): the rest, 0x80, zeros, then the message length in bits (big-endian).
        var rest = data[(full * 64)..];
        block.Clear();
        rest.CopyTo(block);
        block[rest.Length] = 0x80;
        if (rest.Length >= 56)
        {
            Compress(state, block, words);
            block.Clear();
        }

        BinaryPrimitives.WriteUInt64BigEndian(block[56..], (ulong)data.Length * 8);
        Compress(state, block, words);
        for (var i = 0; i < 8; i++)
            BinaryPrimitives.WriteUInt32BigEndian(digest[(i * 4)..], state[i]);
    }

    /// <summary>SHA-256(SHA-256(data)).</summary>
    public static void DoubleHash(ReadOnlySpan<byte> data, Span<byte> digest)
    {
        Span<byte> first = stackalloc byte[DigestSize];
        HashData(data, first);
        HashData(first, digest);
    }

    private static void Compress(Span<uint> state, ReadOnlySpan<byte> block, Span<uint> words)
    {
        for (var i = 0; i < 16; i++)
            words[i] = BinaryPrimitives.ReadUInt32BigEndian(block[(i * 4)..]);
        Sha256Compression.Compress(state, words);
    }
}
