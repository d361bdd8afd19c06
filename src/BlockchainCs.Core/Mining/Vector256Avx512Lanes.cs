using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace BlockchainCs.Core.Mining;

/// <summary>
/// Vector256Avx512Lanes hashes 8 nonces at once in 256-bit registers with the AVX-512VL forms of vprord (one
/// instruction per rotation) and vpternlogd (one per three-input XOR, Ch and Maj).
/// </summary>
internal readonly struct Vector256Avx512Lanes : ISha256Lanes<Vector256<uint>>
{
    // vpternlogd truth tables over (A, B, C) = (0xF0, 0xCC, 0xAA).
    private const byte Xor3 = 0x96;
    private const byte Choose = 0xCA;
    private const byte Majority = 0xE8;

    public static int Count => 8;

    public static bool IsSupported => Avx512F.VL.IsSupported;

    public static Vector256<uint> LaneIndices => Vector256<uint>.Indices;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<uint> Broadcast(uint value) => Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<uint> Add(Vector256<uint> x, Vector256<uint> y) => x + y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<uint> AddScalar(Vector256<uint> x, uint value) => x + Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<uint> SmallSigma0(Vector256<uint> x) =>
        Avx512F.VL.TernaryLogic(Avx512F.VL.RotateRight(x, 7), Avx512F.VL.RotateRight(x, 18), Vector256.ShiftRightLogical(x, 3), Xor3);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<uint> SmallSigma1(Vector256<uint> x) =>
        Avx512F.VL.TernaryLogic(Avx512F.VL.RotateRight(x, 17), Avx512F.VL.RotateRight(x, 19), Vector256.ShiftRightLogical(x, 10), Xor3);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<uint> Expand(Vector256<uint> w2, Vector256<uint> w7, Vector256<uint> w15, Vector256<uint> w16) =>
        Avx512F.VL.TernaryLogic(Avx512F.VL.RotateRight(w2, 17), Avx512F.VL.RotateRight(w2, 19), Vector256.ShiftRightLogical(w2, 10), Xor3)
        + w7
        + Avx512F.VL.TernaryLogic(Avx512F.VL.RotateRight(w15, 7), Avx512F.VL.RotateRight(w15, 18), Vector256.ShiftRightLogical(w15, 3), Xor3)
        + w16;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Round(Vector256<uint> a, Vector256<uint> b, Vector256<uint> c, ref Vector256<uint> d,
        Vector256<uint> e, Vector256<uint> f, Vector256<uint> g, ref Vector256<uint> h, Vector256<uint> kw)
    {
        var t1 = h + kw + Avx512F.VL.TernaryLogic(e, f, g, Choose)
            + Avx512F.VL.TernaryLogic(Avx512F.VL.RotateRight(e, 6), Avx512F.VL.RotateRight(e, 11), Avx512F.VL.RotateRight(e, 25), Xor3);
        d += t1;
        h = t1 + Avx512F.VL.TernaryLogic(a, b, c, Majority)
            + Avx512F.VL.TernaryLogic(Avx512F.VL.RotateRight(a, 2), Avx512F.VL.RotateRight(a, 13), Avx512F.VL.RotateRight(a, 22), Xor3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint ClearLanes(Vector256<uint> x, Vector256<uint> mask) =>
        (uint)Vector256.Equals(x & mask, Vector256<uint>.Zero).ExtractMostSignificantBits();

    public static uint GetLane(Vector256<uint> x, int lane) => x.GetElement(lane);
}
