using System.Numerics;
using BlockchainCs.Core.Consensus;
using BlockchainCs.Core.Primitives;
using Microsoft.Extensions.Logging;

namespace BlockchainCs.Core.Chain;

/// <summary>
/// Adding blocks: full validation, connecting, reorganisations. Only blocks of the best chain are stored: a block on a
/// lighter (or equally heavy) side branch is refused with <see cref="BlockAddStatus.SideBranch"/> and nothing is written;
/// the caller keeps it in memory and hands it back as an ancestor once its branch outweighs the best chain. A block that
/// fails a rule after its content is known to match its header is remembered as invalid, with every descendant.
/// </summary>
public sealed partial class Blockchain
{
    /// <summary>
    /// Validates and stores a block (the tutorial's AddBlock, with its TODO "validate" done). <paramref name="ancestors"/>
    /// are blocks of its branch that are not stored (oldest first), kept in memory by the caller while their branch was
    /// lighter. Throws <see cref="RuleException"/> when a block breaks a rule; the chain is then unchanged but for
    /// remembering the invalid block and its descendants.
    /// </summary>
    public BlockAddResult AddBlock(Block block, IReadOnlyList<Block>? ancestors = null)
    {
        lock (_gate)
        {
            var branch = new List<Block>((ancestors?.Count ?? 0) + 1);
            branch.AddRange(ancestors ?? []);
            branch.Add(block);
            for (var i = 1; i < branch.Count; i++)
            {
                if (branch[i].PrevHash != branch[i - 1].Hash)
                    throw new ArgumentException("the ancestors must link to each other and to the block, oldest first", nameof(ancestors));
            }

            // Ancestors that are stored by now are part of the chain already.
            while (branch.Count > 1 && _store.GetBlockInfo(branch[0].Hash) is { Status: not BlockStatus.Invalid })
                branch.RemoveAt(0);
            foreach (var candidate in branch)
            {
                if (IsKnownInvalidLocked(candidate.Hash))
                    throw new RuleException(RuleErrorCode.KnownInvalid, $"block {candidate.Hash} is known to be invalid");
            }

            if (_store.HasBlock(block.Hash))
                return BlockAddResult.Of(BlockAddStatus.Duplicate);
            foreach (var candidate in branch)
                BlockRules.CheckBlock(candidate, Parameters, _time.GetUtcNow());

            // From here on every block's content matches its header (Merkle root, coinbase height): a broken rule is a
            // property of the block itself, so it and its descendants are remembered as invalid.
            if (IsKnownInvalidLocked(branch[0].PrevHash))
                throw Invalid(branch, 0, new RuleException(RuleErrorCode.KnownInvalid, $"block {branch[0].Hash} builds on invalid block {branch[0].PrevHash}"));
            if (_store.GetBlockInfo(branch[0].PrevHash) is not { } parent)
                return BlockAddResult.Of(BlockAddStatus.Orphan);
            for (var i = 0; i < branch.Count; i++)
            {
                if (branch[i].Height != parent.Height + 1 + i)
                    throw Invalid(branch, i, new RuleException(RuleErrorCode.BadHeight, $"block {branch[i].Hash} claims height {branch[i].Height}; its parent is at {parent.Height + i}"));
            }

            var work = parent.ChainWork;
            foreach (var candidate in branch)
                work += ProofOfWork.Work(candidate.TargetBits);
            return Writing(Path, $"writing block {branch[^1].Height}", () => Connect(branch, parent, work));
        }
    }

    /// <summary>True when a block is known to break a rule (or to build on one that does).</summary>
    public bool IsKnownInvalid(Hash256 hash)
    {
        lock (_gate)
            return IsKnownInvalidLocked(hash);
    }

    /// <summary>Remembers blocks as invalid (the caller's in-memory descendants of an invalid block), in one small transaction.</summary>
    public void MarkInvalid(IEnumerable<Block> blocks)
    {
        lock (_gate)
        {
            Writing(Path, "remembering invalid blocks", () =>
            {
                using var batch = _store.BeginWrite();
                foreach (var block in blocks)
                    _store.MarkInvalid(block.Hash, block.PrevHash, block.Height);
                _store.TrimInvalid(MaxRememberedInvalid);
                batch.Commit();
                return true;
            });
        }
    }

    /// <summary>Invalid blocks remembered (the oldest are forgotten beyond this; a forgotten one is only validated again).</summary>
    public const int MaxRememberedInvalid = 10_000;

    private bool IsKnownInvalidLocked(Hash256 hash) =>
        _store.IsMarkedInvalid(hash) || _store.GetBlockInfo(hash) is { Status: BlockStatus.Invalid };

    private RuleException Invalid(List<Block> branch, int from, RuleException error)
    {
        MarkInvalid(branch.Skip(from));
        _log.LogWarning("Block {Hash} is invalid ({Code}): {Reason}", branch[from].Hash, error.Code, error.Message);
        return error;
    }

    /// <summary>
    /// Writes the branch if it outweighs the best chain: extends the tip, or disconnects the best chain down to the fork
    /// and connects the branch (with any stored blocks of an older chain below it), all in one SQLite transaction. The tip
    /// is read from the database inside that transaction, never trusted from memory.
    /// </summary>
    private BlockAddResult Connect(List<Block> branch, StoredBlockInfo parent, BigInteger work)
    {
        var disconnected = new List<Block>();
        var connected = new List<Block>();
        var failedAt = -1;
        using (var batch = _store.BeginWrite())
        {
            _tip = ReadTip();
            if (work <= _tip.ChainWork)
                return BlockAddResult.Of(BlockAddStatus.SideBranch);

            // Stored blocks between the fork point and the branch: an earlier best chain that a reorganisation left behind.
            var storedPart = new List<Block>();
            var fork = parent;
            while (_store.GetBestHash(fork.Height) != fork.Hash)
            {
                storedPart.Add(_store.GetBlock(fork.Hash) ?? throw new StoreException($"block {fork.Hash} is missing from the store"));
                fork = _store.GetBlockInfo(fork.PrevHash) ?? throw new StoreException($"block {fork.PrevHash} is missing from the store");
            }

            storedPart.Reverse();
            try
            {
                for (var height = _tip.Height; height > fork.Height; height--)
                {
                    var old = _store.GetBlock(_store.GetBestHash(height)!.Value)!;
                    DisconnectBlock(old);
                    disconnected.Add(old);
                }

                foreach (var block in storedPart)
                {
                    ConnectBlock(block);
                    _store.SetBlockStatus(block.Hash, BlockStatus.Valid);
                    connected.Add(block);
                }

                var chainWork = parent.ChainWork;
                for (var i = 0; i < branch.Count; i++)
                {
                    failedAt = i;
                    chainWork += ProofOfWork.Work(branch[i].TargetBits);
                    ConnectBlock(branch[i]);
                    _store.InsertBlock(branch[i], chainWork, BlockStatus.Valid);
                    connected.Add(branch[i]);
                }
            }
            catch (RuleException error)
            {
                batch.Dispose();
                if (failedAt >= 0)
                    throw Invalid(branch, failedAt, error);
                _store.SetBlockStatus(connected.Count < storedPart.Count ? storedPart[connected.Count].Hash : parent.Hash, BlockStatus.Invalid);
                throw Invalid(branch, 0, new RuleException(RuleErrorCode.KnownInvalid, $"block {branch[0].Hash} builds on invalid stored block: {error.Message}"));
            }

            var newTip = branch[^1];
            _store.SetMeta("tip", newTip.Hash.ToArray());
            batch.Commit();
            _tip = new ChainTip(newTip.Hash, newTip.Height, work);
        }

        // Connected blocks are told by the caller (the node knows a sync from a block at the tip); a reorganisation here.
        if (disconnected.Count == 0)
            return new BlockAddResult(BlockAddStatus.Connected, [], connected);

        _log.LogWarning("Reorganized: {Disconnected} block(s) disconnected, {Connected} connected, new tip {Hash} at height {Height}",
            disconnected.Count, connected.Count, _tip.Hash, _tip.Height);
        return new BlockAddResult(BlockAddStatus.Reorganized, disconnected, connected);
    }

    /// <summary>The best tip as the database records it (inside a write transaction: what another writer may have changed).</summary>
    private ChainTip ReadTip()
    {
        var hash = _store.GetMeta("tip") is { } bytes ? new Hash256(bytes) : throw new StoreException($"{Path} has no tip");
        var info = _store.GetBlockInfo(hash) ?? throw new StoreException($"{Path} is damaged: its tip block is missing");
        return new ChainTip(info.Hash, info.Height, info.ChainWork);
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
        PutFilter(block, toVerify.SelectMany(v => v.Item2));
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
        _store.DeleteFilter(block.Hash);
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
