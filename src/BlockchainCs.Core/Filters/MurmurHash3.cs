using System.Buffers.Binary;
using System.Numerics;

namespace BlockchainCs.Core.Filters;

/// <summary>MurmurHash3 x86_32, the hash BIP 37 bloom filters use (seeded per hash function).</summary>
public static class MurmurHash3
{
    public static uint Hash(uint seed, ReadOnlySpan<byte> data)
    {
        const uint c1 = 0xcc9e2d51;
        const uint c2 = 0x1b873593;
        var h1 = seed;
        var blocks = data.Length / 4;
        for (var i = 0; i < blocks; i++)
        {
            var k1 = BinaryPrimitives.ReadUInt32LittleEndian(data[(i * 4)..]);
            k1 *= c1;
            k1 = BitOperations.RotateLeft(k1, 15);
            k1 *= c2;
            h1 ^= k1;
            h1 = BitOperations.RotateLeft(h1, 13);
            h1 = (h1 * 5) + 0xe6546b64;
        }

        var tail = data[(blocks * 4)..];
        uint last = 0;
        for (var i = tail.Length - 1; i >= 0; i--)
            last = (last << 8) | tail[i];
        if (tail.Length > 0)
        {
            last *= c1;
            last = BitOperations.RotateLeft(last, 15);
            last *= c2;
            h1 ^= last;
        }

        h1 ^= (uint)data.Length;
        h1 ^= h1 >> 16;
        h1 *= 0x85ebca6b;
        h1 ^= h1 >> 13;
        h1 *= 0xc2b2ae35;
        h1 ^= h1 >> 16;
        return h1;
    }
}
