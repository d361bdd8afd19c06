using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace BlockchainCs.Core.Mining;

/// <summary>
/// Vector128Lanes hashes 4 nonces at once with portable 128-bit vectors (SSE2, NEON): a rotation is two
/// shifts and an OR. The rotations are written out, not called, to keep the number of inlined calls low.
/// </summary>
internal readonly struct Vector128Lanes : ISha256Lanes<Vector128<uint>>
{
    public static int Count => 4;

    public static bool IsSupported => Vector128.IsHardwareAccelerated;

    public static Vector128<uint> LaneIndices => Vector128<uint>.Indices;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<uint> Broadcast(uint value) => Vector128.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<uint> Add(Vector128<uint> x, Vector128<uint> y) => x + y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<uint> AddScalar(Vector128<uint> x, uint value) => x + Vector128.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<uint> SmallSigma0(Vector128<uint> x) =>
        ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<uint> SmallSigma1(Vector128<uint> x) =>
        ((x >>> 17) | (x << 15)) ^ ((x >>> 19) | (x << 13)) ^ (x >>> 10);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<uint> Expand(Vector128<uint> w2, Vector128<uint> w7, Vector128<uint> w15, Vector128<uint> w16) =>
        (((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10))
        + w7
        + (((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3))
        + w16;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Round(Vector128<uint> a, Vector128<uint> b, Vector128<uint> c, ref Vector128<uint> d,
        Vector128<uint> e, Vector128<uint> f, Vector128<uint> g, ref Vector128<uint> h, Vector128<uint> kw)
    {
        // Ch = g ^ (e & (f ^ g)) and Maj = (a & b) | (c & (a | b)) save an operation each over the textbook forms.
        var t1 = h + kw + (g ^ (e & (f ^ g)))
            + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7)));
        d += t1;
        h = t1 + ((a & b) | (c & (a | b)))
            + (((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint ClearLanes(Vector128<uint> x, Vector128<uint> mask) =>
        Vector128.Equals(x & mask, Vector128<uint>.Zero).ExtractMostSignificantBits();

    public static uint GetLane(Vector128<uint> x, int lane) => x.GetElement(lane);
}
