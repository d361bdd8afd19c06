namespace BlockchainCs.Core.Mining;

/// <summary>MiningIsa names the instruction-set path that hashes nonces (see the ISha256Lanes implementations).</summary>
internal enum MiningIsa
{
    /// <summary>One nonce at a time (<see cref="ScalarLanes"/>).</summary>
    Scalar,

    /// <summary>4 nonces at a time, SSE2 or NEON (<see cref="Vector128Lanes"/>).</summary>
    Vector128,

    /// <summary>8 nonces at a time, AVX2 (<see cref="Vector256Lanes"/>).</summary>
    Vector256,

    /// <summary>8 nonces at a time, AVX-512VL (<see cref="Vector256Avx512Lanes"/>).</summary>
    Vector256Avx512,

    /// <summary>16 nonces at a time, AVX-512F (<see cref="Vector512Lanes"/>).</summary>
    Vector512,
}
