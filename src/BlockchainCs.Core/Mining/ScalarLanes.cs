using System.Numerics;
using System.Runtime.CompilerServices;

namespace BlockchainCs.Core.Mining;

/// <summary>ScalarLanes hashes one nonce at a time with plain uint arithmetic: the portable fallback.</summary>
internal readonly struct ScalarLanes : ISha256Lanes<uint>
{
    public static int Count => 1;

    public static bool IsSupported => true;

    public static uint LaneIndices => 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Broadcast(uint value) => value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Add(uint x, uint y) => x + y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint AddScalar(uint x, uint value) => x + value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint SmallSigma0(uint x) => Sha256Compression.SmallSigma0(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint SmallSigma1(uint x) => Sha256Compression.SmallSigma1(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Expand(uint w2, uint w7, uint w15, uint w16) =>
        (BitOperations.RotateRight(w2, 17) ^ BitOperations.RotateRight(w2, 19) ^ (w2 >> 10))
        + w7
        + (BitOperations.RotateRight(w15, 7) ^ BitOperations.RotateRight(w15, 18) ^ (w15 >> 3))
        + w16;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Round(uint a, uint b, uint c, ref uint d, uint e, uint f, uint g, ref uint h, uint kw)
    {
        // Written out rather than calling the Sha256Compression helpers, to keep the number of inlined calls low.
        var t1 = h + kw + (g ^ (e & (f ^ g)))
            + (BitOperations.RotateRight(e, 6) ^ BitOperations.RotateRight(e, 11) ^ BitOperations.RotateRight(e, 25));
        d += t1;
        h = t1 + ((a & b) | (c & (a | b)))
            + (BitOperations.RotateRight(a, 2) ^ BitOperations.RotateRight(a, 13) ^ BitOperations.RotateRight(a, 22));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint ClearLanes(uint x, uint mask) => (x & mask) == 0 ? 1u : 0u;

    public static uint GetLane(uint x, int lane) => x;
}
