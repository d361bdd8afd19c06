using System.Buffers.Binary;
using System.Numerics;

namespace BlockchainCs.Core.Crypto;

/// <summary>
/// RIPEMD-160 (Dobbertin, Bosselaers, Preneel 1996), written from the published specification because .NET Core has
/// none. Bitcoin uses it for the 20-byte public-key hash inside an address.
/// </summary>
public static class Ripemd160
{
    public const int HashSize = 20;

    private const int BlockSize = 64;

    // Message word order for the left and right lines, 80 steps each (five rounds of 16).
    private static ReadOnlySpan<byte> LeftWord =>
    [
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
        7, 4, 13, 1, 10, 6, 15, 3, 12, 0, 9, 5, 2, 14, 11, 8,
        3, 10, 14, 4, 9, 15, 8, 1, 2, 7, 0, 6, 13, 11, 5, 12,
        1, 9, 11, 10, 0, 8, 12, 4, 13, 3, 7, 15, 14, 5, 6, 2,
        4, 0, 5, 9, 7, 12, 2, 10, 14, 1, 3, 8, 11, 6, 15, 13,
    ];

    private static ReadOnlySpan<byte> RightWord =>
    [
        5, 14, 7, 0, 9, 2, 11, 4, 13, 6, 15, 8, 1, 10, 3, 12,
        6, 11, 3, 7, 0, 13, 5, 10, 14, 15, 8, 12, 4, 9, 1, 2,
        15, 5, 1, 3, 7, 14, 6, 9, 11, 8, 12, 2, 10, 0, 4, 13,
        8, 6, 4, 1, 3, 11, 15, 0, 5, 12, 2, 13, 9, 7, 10, 14,
        12, 15, 10, 4, 1, 5, 8, 7, 6, 2, 13, 14, 0, 3, 9, 11,
    ];

    // Left-rotation amounts for the left and right lines.
    private static ReadOnlySpan<byte> LeftShift =>
    [
        11, 14, 15, 12, 5, 8, 7, 9, 11, 13, 14, 15, 6, 7, 9, 8,
        7, 6, 8, 13, 11, 9, 7, 15, 7, 12, 15, 9, 11, 7, 13, 12,
        11, 13, 6, 7, 14, 9, 13, 15, 14, 8, 13, 6, 5, 12, 7, 5,
        11, 12, 14, 15, 14, 15, 9, 8, 9, 14, 5, 6, 8, 6, 5, 12,
        9, 15, 5, 11, 6, 8, 13, 12, 5, 12, 13, 14, 11, 8, 5, 6,
    ];

    private static ReadOnlySpan<byte> RightShift =>
    [
        8, 9, 9, 11, 13, 15, 15, 5, 7, 7, 8, 11, 14, 14, 12, 6,
        9, 13, 15, 7, 12, 8, 9, 11, 7, 7, 12, 7, 6, 15, 13, 11,
        9, 7, 15, 11, 8, 6, 6, 14, 12, 13, 5, 14, 13, 13, 7, 5,
        15, 5, 8, 11, 14, 14, 6, 14, 6, 9, 12, 9, 12, 5, 15, 8,
        8, 5, 12, 9, 12, 5, 14, 6, 8, 13, 6, 5, 15, 13, 11, 11,
    ];

    public static byte[] HashData(ReadOnlySpan<byte> data)
    {
        var hash = new byte[HashSize];
        HashData(data, hash);
        return hash;
    }

    /// <summary>Writes the 20-byte digest of <paramref name="data"/> into <paramref name="destination"/> without allocating.</summary>
    public static void HashData(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (destination.Length < HashSize)
            throw new ArgumentException($"the destination needs {HashSize} bytes", nameof(destination));

        Span<uint> state = [0x67452301u, 0xEFCDAB89u, 0x98BADCFEu, 0x10325476u, 0xC3D2E1F0u];
        Span<uint> words = stackalloc uint[16];

        var fullBlocks = data.Length / BlockSize;
        for (var i = 0; i < fullBlocks; i++)
            Compress(state, data.Slice(i * BlockSize, BlockSize), words);

        // Padding as in MD4/MD5: 0x80, zeros, then the bit length as a little-endian 64-bit number.
        var rest = data[(fullBlocks * BlockSize)..];
        Span<byte> tail = stackalloc byte[BlockSize * 2];
        tail.Clear();
        rest.CopyTo(tail);
        tail[rest.Length] = 0x80;
        var tailLength = rest.Length + 1 + 8 <= BlockSize ? BlockSize : BlockSize * 2;
        BinaryPrimitives.WriteUInt64LittleEndian(tail[(tailLength - 8)..], (ulong)data.Length * 8);
        for (var offset = 0; offset < tailLength; offset += BlockSize)
            Compress(state, tail.Slice(offset, BlockSize), words);

        for (var i = 0; i < 5; i++)
            BinaryPrimitives.WriteUInt32LittleEndian(destination[(i * 4)..], state[i]);
    }

    private static void Compress(Span<uint> state, ReadOnlySpan<byte> block, Span<uint> x)
    {
        for (var i = 0; i < 16; i++)
            x[i] = BinaryPrimitives.ReadUInt32LittleEndian(block[(i * 4)..]);

        uint al = state[0], bl = state[1], cl = state[2], dl = state[3], el = state[4];
        uint ar = al, br = bl, cr = cl, dr = dl, er = el;
        var leftWord = LeftWord;
        var rightWord = RightWord;
        var leftShift = LeftShift;
        var rightShift = RightShift;

        for (var j = 0; j < 80; j++)
        {
            var round = j >> 4;

            // The left line uses the round functions in order f1..f5, the right line in reverse f5..f1.
            var t = BitOperations.RotateLeft(al + F(round, bl, cl, dl) + x[leftWord[j]] + LeftConstant(round), leftShift[j]) + el;
            al = el;
            el = dl;
            dl = BitOperations.RotateLeft(cl, 10);
            cl = bl;
            bl = t;

            t = BitOperations.RotateLeft(ar + F(4 - round, br, cr, dr) + x[rightWord[j]] + RightConstant(round), rightShift[j]) + er;
            ar = er;
            er = dr;
            dr = BitOperations.RotateLeft(cr, 10);
            cr = br;
            br = t;
        }

        var combined = state[1] + cl + dr;
        state[1] = state[2] + dl + er;
        state[2] = state[3] + el + ar;
        state[3] = state[4] + al + br;
        state[4] = state[0] + bl + cr;
        state[0] = combined;
    }

    private static uint F(int round, uint x, uint y, uint z) => round switch
    {
        0 => x ^ y ^ z,
        1 => (x & y) | (~x & z),
        2 => (x | ~y) ^ z,
        3 => (x & z) | (y & ~z),
        _ => x ^ (y | ~z),
    };

    private static uint LeftConstant(int round) => round switch
    {
        0 => 0x00000000u,
        1 => 0x5A827999u,
        2 => 0x6ED9EBA1u,
        3 => 0x8F1BBCDCu,
        _ => 0xA953FD4Eu,
    };

    private static uint RightConstant(int round) => round switch
    {
        0 => 0x50A28BE6u,
        1 => 0x5C4DD124u,
        2 => 0x6D703EF3u,
        3 => 0x7A6D76E9u,
        _ => 0x00000000u,
    };
}
