using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace BlockchainCs.Core.Mining;

/// <summary>
/// Vector512Lanes hashes 16 nonces at once with AVX-512F: vprord does each rotation in one instruction and
/// vpternlogd does each three-input XOR, Ch and Maj in one.
/// </summary>
internal readonly struct Vector512Lanes : ISha256Lanes<Vector512<uint>>
{
    // vpternlogd truth tables over (A, B, C) = (0xF0, 0xCC, 0xAA).
    private const byte Xor3 = 0x96;
    private const byte Choose = 0xCA;
    private const byte Majority = 0xE8;

    public static int Count => 16;

    public static bool IsSupported => Avx512F.IsSupported;

    public static Vector512<uint> LaneIndices => Vector512<uint>.Indices;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<uint> Broadcast(uint value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<uint> Add(Vector512<uint> x, Vector512<uint> y) => x + y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<uint> AddScalar(Vector512<uint> x, uint value) => x + Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<uint> SmallSigma0(Vector512<uint> x) =>
        Avx512F.TernaryLogic(Avx512F.RotateRight(x, 7), Avx512F.RotateRight(x, 18), Avx512F.ShiftRightLogical(x, 3), Xor3);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<uint> SmallSigma1(Vector512<uint> x) =>
        Avx512F.TernaryLogic(Avx512F.RotateRight(x, 17), Avx512F.RotateRight(x, 19), Avx512F.ShiftRightLogical(x, 10), Xor3);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<uint> Expand(Vector512<uint> w2, Vector512<uint> w7, Vector512<uint> w15, Vector512<uint> w16) =>
        Avx512F.TernaryLogic(Avx512F.RotateRight(w2, 17), Avx512F.RotateRight(w2, 19), Avx512F.ShiftRightLogical(w2, 10), Xor3)
        + w7
        + Avx512F.TernaryLogic(Avx512F.RotateRight(w15, 7), Avx512F.RotateRight(w15, 18), Avx512F.ShiftRightLogical(w15, 3), Xor3)
        + w16;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Round(Vector512<uint> a, Vector512<uint> b, Vector512<uint> c, ref Vector512<uint> d,
        Vector512<uint> e, Vector512<uint> f, Vector512<uint> g, ref Vector512<uint> h, Vector512<uint> kw)
    {
        var t1 = h + kw + Avx512F.TernaryLogic(e, f, g, Choose)
            + Avx512F.TernaryLogic(Avx512F.RotateRight(e, 6), Avx512F.RotateRight(e, 11), Avx512F.RotateRight(e, 25), Xor3);
        d += t1;
        h = t1 + Avx512F.TernaryLogic(a, b, c, Majority)
            + Avx512F.TernaryLogic(Avx512F.RotateRight(a, 2), Avx512F.RotateRight(a, 13), Avx512F.RotateRight(a, 22), Xor3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint ClearLanes(Vector512<uint> x, Vector512<uint> mask) =>
        (uint)Vector512.Equals(x & mask, Vector512<uint>.Zero).ExtractMostSignificantBits();

    public static uint GetLane(Vector512<uint> x, int lane) => x.GetElement(lane);
}
