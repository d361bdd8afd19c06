using BlockchainCs.Core.Chain;
using BlockchainCs.Core.Consensus;
using BlockchainCs.Core.Primitives;
using BlockchainCs.Core.Wallets;

namespace BlockchainCs.Network.Tests.TestSupport;

/// <summary>Blocks on any parent (not only the tip), to grow competing branches.</summary>
public static class Branches
{
    /// <summary>A mined block on <paramref name="parent"/> holding <paramref name="transactions"/> (its coinbase claims the subsidy).</summary>
    public static Block MineOn(Block parent, byte[] minerPubKeyHash, params Transaction[] transactions) =>
        MineOn(parent.Hash, parent.Height + 1, minerPubKeyHash, transactions);

    /// <summary>A chain of valid, mined blocks whose first parent exists nowhere: every one of them is an orphan.</summary>
    public static List<Block> OrphanChain(int count)
    {
        var blocks = new List<Block>();
        var miner = Wallet.Generate().PubKeyHash;
        var prev = Hash256.Compute(Guid.NewGuid().ToByteArray());
        for (var i = 0; i < count; i++)
        {
            blocks.Add(MineOn(prev, 1_000 + i, miner));
            prev = blocks[^1].Hash;
        }

        return blocks;
    }

    private static Block MineOn(Hash256 parent, int height, byte[] minerPubKeyHash, params Transaction[] transactions)
    {
        List<Transaction> all = [Transaction.CreateCoinbase(minerPubKeyHash, ChainParameters.Subsidy, height), .. transactions];
        return TestNetwork.Mine(new Block(DateTimeOffset.UtcNow.ToUnixTimeSeconds(), parent, MerkleTree.ComputeRoot(all),
            TestNetwork.TargetBits, 0, height, all));
    }

    public static Block TipBlock(Blockchain chain) => chain.GetBlock(chain.Tip.Hash)!;

    /// <summary>A block on the tip of <paramref name="chain"/> whose hash misses the target (almost every nonce does at 8 bits).</summary>
    public static Block WithoutProofOfWork(Blockchain chain)
    {
        var candidate = chain.BuildCandidate([], Wallet.Generate().PubKeyHash, 0);
        for (long nonce = 0; ; nonce++)
        {
            var block = candidate.WithProof(candidate.Timestamp, nonce);
            if (!ProofOfWork.IsValid(block))
                return block;
        }
    }
}
