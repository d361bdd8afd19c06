using System.Numerics;
using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Core.Consensus;

/// <summary>
/// ProofOfWork holds the tutorial's rule: a block is valid when its hash, read as a big-endian 256-bit number,
/// is below 2^(256 − targetBits).
/// </summary>
public static class ProofOfWork
{
    public const int MinTargetBits = 1;
    public const int MaxTargetBits = 255;

    public static bool IsValidTargetBits(int targetBits) => targetBits is >= MinTargetBits and <= MaxTargetBits;

    /// <summary>2^(256 − targetBits).</summary>
    public static BigInteger Target(int targetBits) => BigInteger.One << (256 - targetBits);

    /// <summary>The expected number of hashes to find a block: 2^targetBits. Cumulative work sums this.</summary>
    public static BigInteger Work(int targetBits) => BigInteger.One << targetBits;

    /// <summary>True when the hash has at least <paramref name="targetBits"/> leading zero bits.</summary>
    public static bool IsValid(Hash256 hash, int targetBits)
    {
        if (!IsValidTargetBits(targetBits))
            return false;
        // hash < 2^(256-bits)  ⇔  its top `bits` bits are zero.
        Span<byte> bytes = stackalloc byte[Hash256.Size];
        hash.CopyTo(bytes);
        var fullBytes = targetBits / 8;
        for (var i = 0; i < fullBytes; i++)
            if (bytes[i] != 0)
                return false;
        var rest = targetBits % 8;
        return rest == 0 || bytes[fullBytes] >> (8 - rest) == 0;
    }

    public static bool IsValid(Block block) => IsValid(block.Hash, block.TargetBits);
}
