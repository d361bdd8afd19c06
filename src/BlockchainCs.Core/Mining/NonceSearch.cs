using System.Runtime.Intrinsics;

namespace BlockchainCs.Core.Mining;

/// <summary>
/// NonceSearch picks the widest nonce hasher this machine runs well and forwards to the matching specialisation
/// of <see cref="NonceHasher{TL, TV}"/>.
/// </summary>
internal static class NonceSearch
{
    /// <summary>
    /// The fastest supported path. 512-bit vectors only where the runtime reports them accelerated (it does not on
    /// CPUs that slow down for them); on those the 256-bit AVX-512VL path keeps the one-instruction rotations.
    /// </summary>
    public static MiningIsa Best { get; } =
        Vector512Lanes.IsSupported && Vector512.IsHardwareAccelerated ? MiningIsa.Vector512
        : Vector256Avx512Lanes.IsSupported ? MiningIsa.Vector256Avx512
        : Vector256Lanes.IsSupported ? MiningIsa.Vector256
        : Vector128Lanes.IsSupported ? MiningIsa.Vector128
        : MiningIsa.Scalar;

    public static bool IsSupported(MiningIsa isa) => isa switch
    {
        MiningIsa.Scalar => ScalarLanes.IsSupported,
        MiningIsa.Vector128 => Vector128Lanes.IsSupported,
        MiningIsa.Vector256 => Vector256Lanes.IsSupported,
        MiningIsa.Vector256Avx512 => Vector256Avx512Lanes.IsSupported,
        MiningIsa.Vector512 => Vector512Lanes.IsSupported,
        _ => false,
    };

    /// <summary>Nonces hashed together; nonce ranges must start at and span a multiple of it.</summary>
    public static int LaneCount(MiningIsa isa) => isa switch
    {
        MiningIsa.Vector128 => Vector128Lanes.Count,
        MiningIsa.Vector256 => Vector256Lanes.Count,
        MiningIsa.Vector256Avx512 => Vector256Avx512Lanes.Count,
        MiningIsa.Vector512 => Vector512Lanes.Count,
        _ => ScalarLanes.Count,
    };

    /// <inheritdoc cref="NonceHasher{TL, TV}.Scan"/>
    public static bool Scan(MiningIsa isa, in SecondBlockTemplate template, uint lo, uint count, uint h0Mask,
        out uint groupLo, out uint laneMask) => isa switch
        {
            MiningIsa.Vector128 => NonceHasher<Vector128Lanes, Vector128<uint>>.Scan(in template, lo, count, h0Mask, out groupLo, out laneMask),
            MiningIsa.Vector256 => NonceHasher<Vector256Lanes, Vector256<uint>>.Scan(in template, lo, count, h0Mask, out groupLo, out laneMask),
            MiningIsa.Vector256Avx512 => NonceHasher<Vector256Avx512Lanes, Vector256<uint>>.Scan(in template, lo, count, h0Mask, out groupLo, out laneMask),
            MiningIsa.Vector512 => NonceHasher<Vector512Lanes, Vector512<uint>>.Scan(in template, lo, count, h0Mask, out groupLo, out laneMask),
            _ => NonceHasher<ScalarLanes, uint>.Scan(in template, lo, count, h0Mask, out groupLo, out laneMask),
        };

    /// <inheritdoc cref="NonceHasher{TL, TV}.Hash"/>
    public static void Hash(MiningIsa isa, in SecondBlockTemplate template, uint lo, Span<uint> words)
    {
        switch (isa)
        {
            case MiningIsa.Vector128: NonceHasher<Vector128Lanes, Vector128<uint>>.Hash(in template, lo, words); break;
            case MiningIsa.Vector256: NonceHasher<Vector256Lanes, Vector256<uint>>.Hash(in template, lo, words); break;
            case MiningIsa.Vector256Avx512: NonceHasher<Vector256Avx512Lanes, Vector256<uint>>.Hash(in template, lo, words); break;
            case MiningIsa.Vector512: NonceHasher<Vector512Lanes, Vector512<uint>>.Hash(in template, lo, words); break;
            default: NonceHasher<ScalarLanes, uint>.Hash(in template, lo, words); break;
        }
    }

    /// <summary>The mask whose bits must all be zero in hash word 0: the top min(targetBits, 32) bits.</summary>
    public static uint H0Mask(int targetBits) => targetBits >= 32 ? uint.MaxValue : ~(uint.MaxValue >> targetBits);
}
