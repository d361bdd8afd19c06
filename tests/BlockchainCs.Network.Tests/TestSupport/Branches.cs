using BlockchainCs.Core.Chain;
using BlockchainCs.Core.Consensus;
using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Network.Tests.TestSupport;

/// <summary>Blocks on any parent (not only the tip), to grow competing branches.</summary>
public static class Branches
{
    /// <summary>A mined block on <paramref name="parent"/> holding <paramref name="transactions"/> (its coinbase claims the subsidy).</summary>
    public static Block MineOn(Block parent, byte[] minerPubKeyHash, params Transaction[] transactions)
    {
        var height = parent.Height + 1;
        List<Transaction> all = [Transaction.CreateCoinbase(minerPubKeyHash, ChainParameters.Subsidy, height), .. transactions];
        return TestNetwork.Mine(new Block(DateTimeOffset.UtcNow.ToUnixTimeSeconds(), parent.Hash, MerkleTree.ComputeRoot(all),
            parent.TargetBits, 0, height, all));
    }

    public static Block TipBlock(Blockchain chain) => chain.GetBlock(chain.Tip.Hash)!;
}
