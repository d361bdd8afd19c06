using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace BlockchainCs.Core.Mining;

/// <summary>
/// Vector256Lanes hashes 8 nonces at once with plain AVX2: a rotation is two shifts and an OR, because AVX2 has
/// no vector rotate. The rotations are written out, not called, to keep the number of inlined calls low.
/// </summary>
internal readonly struct Vector256Lanes : ISha256Lanes<Vector256<uint>>
{
    public static int Count => 8;

    public static bool IsSupported => Avx2.IsSupported;

    public static Vector256<uint> LaneIndices => Vector256<uint>.Indices;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<uint> Broadcast(uint value) => Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<uint> Add(Vector256<uint> x, Vector256<uint> y) => x + y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<uint> AddScalar(Vector256<uint> x, uint value) => x + Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<uint> SmallSigma0(Vector256<uint> x) =>
        ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<uint> SmallSigma1(Vector256<uint> x) =>
        ((x >>> 17) | (x << 15)) ^ ((x >>> 19) | (x << 13)) ^ (x >>> 10);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<uint> Expand(Vector256<uint> w2, Vector256<uint> w7, Vector256<uint> w15, Vector256<uint> w16) =>
        (((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10))
        + w7
        + (((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3))
        + w16;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Round(Vector256<uint> a, Vector256<uint> b, Vector256<uint> c, ref Vector256<uint> d,
        Vector256<uint> e, Vector256<uint> f, Vector256<uint> g, ref Vector256<uint> h, Vector256<uint> kw)
    {
        // Ch = g ^ (e & (f ^ g)) and Maj = (a & b) | (c & (a | b)) save an operation each over the textbook forms.
        var t1 = h + kw + (g ^ (e & (f ^ g)))
            + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7)));
        d += t1;
        h = t1 + ((a & b) | (c & (a | b)))
            + (((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint ClearLanes(Vector256<uint> x, Vector256<uint> mask) =>
        Vector256.Equals(x & mask, Vector256<uint>.Zero).ExtractMostSignificantBits();

    public static uint GetLane(Vector256<uint> x, int lane) => x.GetElement(lane);
}
