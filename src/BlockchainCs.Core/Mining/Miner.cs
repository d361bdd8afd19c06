using BlockchainCs.Core.Consensus;
using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Core.Mining;

/// <summary>
/// Miner searches nonces for a candidate block (the tutorial's ProofOfWork.Run).
/// (Reference implementation: one SHA-256 of the whole header per nonce; the fast path replaces it.)
/// </summary>
public sealed class Miner
{
    private readonly int _threads;

    public Miner(int threads = 0) => _threads = threads > 0 ? threads : Environment.ProcessorCount;

    public int Threads => _threads;

    /// <summary>Returns the candidate with a valid nonce (and possibly a fresher timestamp), or null when cancelled.</summary>
    public Block? Mine(Block candidate, CancellationToken cancellationToken = default)
    {
        var timestamp = candidate.Timestamp;
        for (long nonce = 0; nonce < long.MaxValue; nonce++)
        {
            if ((nonce & 0xFFF) == 0 && cancellationToken.IsCancellationRequested)
                return null;
            var hash = Block.ComputeHash(candidate.PrevHash, candidate.MerkleRoot, timestamp, candidate.TargetBits, nonce);
            if (ProofOfWork.IsValid(hash, candidate.TargetBits))
                return candidate.WithProof(timestamp, nonce);
        }

        return null;
    }
}
