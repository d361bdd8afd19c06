using BlockchainCs.Core.Consensus;
using BlockchainCs.Core.Primitives;
using Microsoft.Extensions.Logging;

namespace BlockchainCs.Core.Chain;

/// <summary>Adding blocks: full validation, connecting, side branches and reorganisations.</summary>
public sealed partial class Blockchain
{
    /// <summary>
    /// Validates and stores a block (the tutorial's AddBlock, with its TODO "validate" done). Throws
    /// <see cref="RuleException"/> when the block breaks a rule; the store is then unchanged (but for remembering
    /// a side-branch block as invalid).
    /// </summary>
    public BlockAddResult AddBlock(Block block)
    {
        lock (_gate)
        {
            var hash = block.Hash;
            if (_store.GetBlockInfo(hash) is { } known)
            {
                if (known.Status == BlockStatus.Invalid)
                    throw new RuleException(RuleErrorCode.KnownInvalid, $"block {hash} is known to be invalid");
                return BlockAddResult.Of(BlockAddStatus.Duplicate);
            }

            BlockRules.CheckBlock(block, Parameters, _time.GetUtcNow());
            var parent = _store.GetBlockInfo(block.PrevHash);
            if (parent is null)
                return BlockAddResult.Of(BlockAddStatus.Orphan);
            if (parent.Status == BlockStatus.Invalid)
                throw new RuleException(RuleErrorCode.KnownInvalid, $"block {hash} builds on invalid block {parent.Hash}");
            if (block.Height != parent.Height + 1)
                throw new RuleException(RuleErrorCode.BadHeight, $"block {hash} claims height {block.Height} on a parent at {parent.Height}");

            var work = parent.ChainWork + ProofOfWork.Work(block.TargetBits);
            if (block.PrevHash == _tip.Hash)
                return ExtendTip(block, work);
            if (work <= _tip.ChainWork)
            {
                using var batch = _store.BeginWrite();
                _store.InsertBlock(block, work, BlockStatus.HeaderValid);
                batch.Commit();
                _log.LogInformation("Stored block {Hash} at height {Height} on a side branch", hash, block.Height);
                return BlockAddResult.Of(BlockAddStatus.SideBranch);
            }

            return Reorganize(block, work);
        }
    }

    private BlockAddResult ExtendTip(Block block, System.Numerics.BigInteger work)
    {
        using (var batch = _store.BeginWrite())
        {
            ConnectBlock(block);
            _store.InsertBlock(block, work, BlockStatus.Valid);
            _store.SetMeta("tip", block.Hash.ToArray());
            batch.Commit();
        }

        _tip = new ChainTip(block.Hash, block.Height, work);
        _log.LogInformation("Added block {Hash} at height {Height}", block.Hash, block.Height);
        return new BlockAddResult(BlockAddStatus.Connected, [], [block]);
    }

    /// <summary>Disconnects the best chain down to the fork and connects the heavier branch, all in one SQLite transaction.</summary>
    private BlockAddResult Reorganize(Block newTip, System.Numerics.BigInteger work)
    {
        // The branch, newest first, down to (not including) the first block on the best chain.
        var branch = new List<Block> { newTip };
        var cursor = newTip.PrevHash;
        while (_store.GetBlockInfo(cursor) is { } info && _store.GetBestHash(info.Height) != cursor)
        {
            branch.Add(_store.GetBlock(cursor) ?? throw new StoreException($"block {cursor} is missing from the store"));
            cursor = info.PrevHash;
        }

        branch.Reverse();
        var forkHeight = branch[0].Height - 1;
        var disconnected = new List<Block>();
        Block? failed = null;
        using (var batch = _store.BeginWrite())
        {
            for (var height = _tip.Height; height > forkHeight; height--)
            {
                var hash = _store.GetBestHash(height)!.Value;
                var old = _store.GetBlock(hash)!;
                DisconnectBlock(old);
                disconnected.Add(old);
            }

            try
            {
                foreach (var block in branch)
                {
                    failed = block;
                    ConnectBlock(block);
                    if (block == newTip)
                        _store.InsertBlock(block, work, BlockStatus.Valid);
                    else
                        _store.SetBlockStatus(block.Hash, BlockStatus.Valid);
                }
            }
            catch (RuleException)
            {
                batch.Dispose();
                RememberInvalid(failed!, newTip, work);
                throw;
            }

            _store.SetMeta("tip", newTip.Hash.ToArray());
            batch.Commit();
        }

        _tip = new ChainTip(newTip.Hash, newTip.Height, work);
        _log.LogWarning("Reorganized: {Disconnected} block(s) disconnected, {Connected} connected, new tip {Hash} at height {Height}",
            disconnected.Count, branch.Count, newTip.Hash, newTip.Height);
        return new BlockAddResult(BlockAddStatus.Reorganized, disconnected, branch);
    }

    /// <summary>After a failed reorganisation (already rolled back), remember the bad block so it is not tried again.</summary>
    private void RememberInvalid(Block failed, Block newTip, System.Numerics.BigInteger work)
    {
        using var batch = _store.BeginWrite();
        if (_store.HasBlock(failed.Hash))
            _store.SetBlockStatus(failed.Hash, BlockStatus.Invalid);
        else
            _store.InsertBlock(newTip, work, BlockStatus.Invalid);
        batch.Commit();
    }

    /// <summary>
    /// Checks a block's transactions against the UTXO set and applies them: spends inputs, adds outputs, records undo
    /// data and the best-chain index. Must run inside a write batch; throws <see cref="RuleException"/> before writing
    /// anything when a rule is broken.
    /// </summary>
    private void ConnectBlock(Block block)
    {
        var created = new Dictionary<OutPoint, UtxoEntry>();
        var spentFromStore = new List<UtxoEntry>();
        var spentOutPoints = new HashSet<OutPoint>();
        var toVerify = new List<(Transaction, IReadOnlyList<TxOutput>)>(block.Transactions.Count);
        long fees = 0;

        for (var t = 1; t < block.Transactions.Count; t++)
        {
            var tx = block.Transactions[t];
            var spent = new TxOutput[tx.Inputs.Count];
            for (var i = 0; i < tx.Inputs.Count; i++)
            {
                var prevOut = tx.Inputs[i].PrevOut;
                if (!spentOutPoints.Add(prevOut))
                    throw new RuleException(RuleErrorCode.DoubleSpend, $"block {block.Hash} spends {prevOut} twice");
                if (created.Remove(prevOut, out var local))
                {
                    spent[i] = local.Output;
                    continue;
                }

                var entry = _store.GetUtxo(prevOut)
                    ?? throw new RuleException(RuleErrorCode.MissingInput, $"transaction {tx.Id} spends {prevOut}, which is not an unspent output");
                spent[i] = entry.Output;
                spentFromStore.Add(entry);
            }

            fees = checked(fees + TransactionRules.CheckInputs(tx, spent));
            toVerify.Add((tx, spent));
            AddCreated(created, tx, block.Height);
        }

        var coinbase = block.Transactions[0];
        if (coinbase.TotalOutput > ChainParameters.Subsidy + fees)
            throw new RuleException(RuleErrorCode.BadCoinbaseValue,
                $"block {block.Hash}'s coinbase claims {coinbase.TotalOutput}, more than the subsidy {ChainParameters.Subsidy} plus fees {fees}");
        Verifier.VerifyAll(toVerify);

        AddCreated(created, coinbase, block.Height);
        foreach (var entry in spentFromStore)
            _store.RemoveUtxo(entry.OutPoint);
        foreach (var entry in created.Values)
            _store.AddUtxo(entry);
        _store.PutUndo(block.Hash, UndoData.Serialize(spentFromStore));
        _store.AddTransactionIds(block);
        _store.SetBestHash(block.Height, block.Hash);
    }

    /// <summary>Undoes <see cref="ConnectBlock"/>: removes the block's outputs and restores what it spent.</summary>
    private void DisconnectBlock(Block block)
    {
        var undo = _store.GetUndo(block.Hash) ?? throw new StoreException($"undo data of block {block.Hash} is missing");
        foreach (var tx in block.Transactions)
            for (var i = 0; i < tx.Outputs.Count; i++)
                _store.RemoveUtxo(new OutPoint(tx.Id, (uint)i));
        foreach (var entry in UndoData.Deserialize(undo))
            _store.AddUtxo(entry);
        _store.DeleteUndo(block.Hash);
        _store.RemoveTransactionIds(block);
        _store.RemoveBestHash(block.Height);
    }

    private static void AddCreated(Dictionary<OutPoint, UtxoEntry> created, Transaction tx, int height)
    {
        for (var i = 0; i < tx.Outputs.Count; i++)
        {
            var outPoint = new OutPoint(tx.Id, (uint)i);
            created[outPoint] = new UtxoEntry(outPoint, tx.Outputs[i], height, tx.IsCoinbase);
        }
    }

    /// <summary>Adds a transaction's outputs straight to the store (genesis, reindex).</summary>
    private static void ApplyOutputs(ChainStore store, Transaction tx, int height)
    {
        for (var i = 0; i < tx.Outputs.Count; i++)
            store.AddUtxo(new UtxoEntry(new OutPoint(tx.Id, (uint)i), tx.Outputs[i], height, tx.IsCoinbase));
    }
}
