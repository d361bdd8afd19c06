using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Core.Consensus;

/// <summary>
/// BlockRules are the checks a block must pass before anything about its chain is known: proof of work, target,
/// timestamp, size, Merkle root, exactly one coinbase in first place, and every transaction's sanity. The header's
/// share of them (<see cref="CheckHeader"/>) is what a light wallet can check.
/// </summary>
public static class BlockRules
{
    public static void CheckBlock(Block block, ChainParameters parameters, DateTimeOffset now)
    {
        CheckHeader(block, parameters, now);
        if (block.ToBytes().Length > ChainParameters.MaxBlockSize)
            throw new RuleException(RuleErrorCode.BlockTooLarge, $"block {block.Hash} is larger than {ChainParameters.MaxBlockSize} bytes");
        if (block.Transactions.Count == 0)
            throw new RuleException(RuleErrorCode.NoTransactions, $"block {block.Hash} has no transactions");
        if (!block.Transactions[0].IsCoinbase)
            throw new RuleException(RuleErrorCode.FirstTxNotCoinbase, $"block {block.Hash} does not start with a coinbase");
        if (block.Transactions[0].CoinbaseHeight != block.Height)
            throw new RuleException(RuleErrorCode.BadCoinbaseHeight, $"block {block.Hash}'s coinbase does not carry height {block.Height}");

        var ids = new HashSet<Hash256>();
        for (var i = 0; i < block.Transactions.Count; i++)
        {
            var tx = block.Transactions[i];
            if (i > 0 && tx.IsCoinbase)
                throw new RuleException(RuleErrorCode.MultipleCoinbases, $"block {block.Hash} has a second coinbase");
            TransactionRules.CheckSanity(tx, isCoinbasePosition: i == 0);
            if (!ids.Add(tx.Id))
                throw new RuleException(RuleErrorCode.DuplicateTransaction, $"block {block.Hash} holds transaction {tx.Id} twice");
        }

        if (MerkleTree.ComputeRoot(block.Transactions) != block.MerkleRoot)
            throw new RuleException(RuleErrorCode.BadMerkleRoot, $"block {block.Hash} has a Merkle root that does not match its transactions");
    }

    /// <summary>What a header alone shows: the chain's target bits, proof of work, a time at most 2 hours ahead, a height.</summary>
    public static void CheckHeader(Block header, ChainParameters parameters, DateTimeOffset now)
    {
        if (header.TargetBits != parameters.TargetBits)
            throw new RuleException(RuleErrorCode.BadTargetBits, $"block {header.Hash} has target bits {header.TargetBits}, the chain uses {parameters.TargetBits}");
        if (!ProofOfWork.IsValid(header))
            throw new RuleException(RuleErrorCode.BadProofOfWork, $"block {header.Hash} does not meet its proof-of-work target");
        if (header.Timestamp > now.Add(ChainParameters.MaxFutureBlockTime).ToUnixTimeSeconds())
            throw new RuleException(RuleErrorCode.TimeTooNew, $"block {header.Hash} is timestamped more than 2 hours ahead");
        if (header.Height < 0)
            throw new RuleException(RuleErrorCode.BadHeight, $"block {header.Hash} has a negative height");
    }
}
