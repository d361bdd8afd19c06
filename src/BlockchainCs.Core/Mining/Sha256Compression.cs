using System.Numerics;
using System.Runtime.CompilerServices;

namespace BlockchainCs.Core.Mining;

/// <summary>
/// Sha256Compression is the plain one-lane SHA-256 compression function (FIPS 180-4 §6.2.2) and its helper
/// functions. The miner uses it for the per-candidate midstate and the per-nonce-high precomputation; the
/// per-nonce work is done by <see cref="NonceHasher{TL, TV}"/>.
/// </summary>
internal static class Sha256Compression
{
    /// <summary>The initial hash value H(0).</summary>
    public static ReadOnlySpan<uint> InitialState =>
    [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
    ];

    /// <summary>The 64 round constants K.</summary>
    public static ReadOnlySpan<uint> K =>
    [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint BigSigma0(uint x) =>
        BitOperations.RotateRight(x, 2) ^ BitOperations.RotateRight(x, 13) ^ BitOperations.RotateRight(x, 22);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint BigSigma1(uint x) =>
        BitOperations.RotateRight(x, 6) ^ BitOperations.RotateRight(x, 11) ^ BitOperations.RotateRight(x, 25);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint SmallSigma0(uint x) =>
        BitOperations.RotateRight(x, 7) ^ BitOperations.RotateRight(x, 18) ^ (x >> 3);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint SmallSigma1(uint x) =>
        BitOperations.RotateRight(x, 17) ^ BitOperations.RotateRight(x, 19) ^ (x >> 10);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Ch(uint e, uint f, uint g) => (e & f) ^ (~e & g);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Maj(uint a, uint b, uint c) => (a & b) | (c & (a | b));

    /// <summary>
    /// One round on a state held as s[0..7] = a..h. The caller passes K[t] + W[t] already summed so that a
    /// precomputation can fold constant message words into the constant.
    /// </summary>
    public static void Round(Span<uint> s, uint kw)
    {
        var t1 = s[7] + BigSigma1(s[4]) + Ch(s[4], s[5], s[6]) + kw;
        var t2 = BigSigma0(s[0]) + Maj(s[0], s[1], s[2]);
        s[7] = s[6];
        s[6] = s[5];
        s[5] = s[4];
        s[4] = s[3] + t1;
        s[3] = s[2];
        s[2] = s[1];
        s[1] = s[0];
        s[0] = t1 + t2;
    }

    /// <summary>Compresses one 16-word (big-endian decoded) message block into <paramref name="state"/>.</summary>
    public static void Compress(Span<uint> state, ReadOnlySpan<uint> block)
    {
        if (state.Length != 8 || block.Length != 16)
            throw new ArgumentException("SHA-256 compresses 16 words into an 8-word state");
        Span<uint> w = stackalloc uint[64];
        block.CopyTo(w);
        for (var t = 16; t < 64; t++)
            w[t] = SmallSigma1(w[t - 2]) + w[t - 7] + SmallSigma0(w[t - 15]) + w[t - 16];
        Span<uint> s = stackalloc uint[8];
        state.CopyTo(s);
        for (var t = 0; t < 64; t++)
            Round(s, K[t] + w[t]);
        for (var i = 0; i < 8; i++)
            state[i] += s[i];
    }
}
