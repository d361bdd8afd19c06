using BlockchainCs.Core.Chain;
using BlockchainCs.Core.Consensus;
using BlockchainCs.Core.Mining;
using BlockchainCs.Core.Primitives;
using BlockchainCs.Core.Wallets;

namespace BlockchainCs.Network.Tests.TestSupport;

/// <summary>Mines the blocks and builds the transactions the network tests send around.</summary>
public static class Blocks
{
    private static readonly Miner Miner = new(1);

    /// <summary>Mines <paramref name="count"/> empty blocks on the chain's tip and returns them.</summary>
    public static List<Block> MineOn(Blockchain chain, int count)
    {
        var blocks = new List<Block>();
        var payee = Wallet.Generate().PubKeyHash;
        for (var i = 0; i < count; i++)
        {
            var block = Miner.Mine(chain.BuildCandidate([], payee, 0, note: $"p2p test {i}"))!;
            chain.AddBlock(block);
            blocks.Add(block);
        }

        return blocks;
    }

    /// <summary>A chain of valid, mined blocks whose first parent exists nowhere: every one of them is an orphan.</summary>
    public static List<Block> OrphanChain(int count)
    {
        var blocks = new List<Block>();
        var prev = Hash256.Compute(Guid.NewGuid().ToByteArray());
        var payee = Wallet.Generate().PubKeyHash;
        for (var i = 0; i < count; i++)
        {
            var height = 1_000 + i;
            var coinbase = Transaction.CreateCoinbase(payee, ChainParameters.Subsidy, height);
            var candidate = new Block(DateTimeOffset.UtcNow.ToUnixTimeSeconds(), prev, MerkleTree.ComputeRoot([coinbase]), TestNetwork.TargetBits, 0,
                height, [coinbase]);
            var block = Miner.Mine(candidate)!;
            blocks.Add(block);
            prev = block.Hash;
        }

        return blocks;
    }

    /// <summary>Pays <paramref name="amount"/> of <paramref name="parent"/>'s output <paramref name="index"/> (owned by <paramref name="owner"/>) to <paramref name="to"/>.</summary>
    public static Transaction Spend(Transaction parent, uint index, Wallet owner, long amount, Wallet? to = null)
    {
        var spent = parent.Outputs[(int)index];
        var unsigned = new Transaction([new TxInput(new OutPoint(parent.Id, index), [], owner.PublicKey)],
            [new TxOutput(amount, (to ?? Wallet.Generate()).PubKeyHash)]);
        return TransactionBuilder.Sign(unsigned, owner.PrivateKey, [spent]);
    }

    /// <summary>A signed transaction spending an output of a transaction that exists nowhere: an orphan forever.</summary>
    public static Transaction Orphan(Wallet owner)
    {
        var fakeParent = new Transaction([new TxInput(new OutPoint(Hash256.Compute(Guid.NewGuid().ToByteArray()), 0), [], owner.PublicKey)],
            [new TxOutput(5, owner.PubKeyHash)]);
        return Spend(fakeParent, 0, owner, 5);
    }
}
