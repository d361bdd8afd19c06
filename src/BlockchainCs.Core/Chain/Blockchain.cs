using System.Runtime.CompilerServices;
using BlockchainCs.Core.Consensus;
using BlockchainCs.Core.Crypto;
using BlockchainCs.Core.Primitives;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BlockchainCs.Core.Chain;

/// <summary>
/// Blockchain is the tutorial's Blockchain grown up: it validates and stores blocks, keeps the best chain (most
/// cumulative work) and its UTXO set, and reorganises onto a heavier branch. It is the only writer of its
/// <see cref="ChainStore"/>; every public member takes one lock, so callers on any thread see a consistent chain.
/// </summary>
public sealed partial class Blockchain : IDisposable
{
    private readonly object _gate = new();
    private readonly ChainStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private ChainTip _tip;
    private SignatureVerifier? _verifier;
    private StrongBox<AlertKeys?>? _alertKeys;

    private Blockchain(ChainStore store, ChainParameters parameters, Hash256 genesisHash, ChainTip tip, TimeProvider time,
        SignatureVerifier? verifier, ILogger log)
    {
        _store = store;
        Parameters = parameters;
        GenesisHash = genesisHash;
        _tip = tip;
        _time = time;
        _verifier = verifier;
        _log = log;
        Utxo = new UtxoSet(this, store, _gate);
    }

    public ChainParameters Parameters { get; }

    public Hash256 GenesisHash { get; }

    /// <summary>Created on first use: read-only commands (getbalance, printchain) never load a secp256k1 backend.</summary>
    public SignatureVerifier Verifier =>
        LazyInitializer.EnsureInitialized(ref _verifier, () => new SignatureVerifier(Secp256k1.Default, new SignatureCache()));

    /// <summary>The keys that sign this chain's alerts, from its genesis block; null when the chain has none.</summary>
    public AlertKeys? AlertKeys => LazyInitializer.EnsureInitialized(ref _alertKeys, () => new StrongBox<AlertKeys?>(
        GetBlock(GenesisHash) is { } genesis ? AlertKeys.FromGenesis(genesis) : null)).Value;

    /// <summary>The tutorial's UTXOSet: balances and spendable outputs through the owner index.</summary>
    public UtxoSet Utxo { get; }

    public string Path => _store.Path;

    public TimeProvider Time => _time;

    public ChainTip Tip
    {
        get
        {
            lock (_gate)
                return _tip;
        }
    }

    /// <summary>
    /// Creates the database with a genesis block whose coinbase pays <paramref name="genesisPubKeyHash"/> (the tutorial's
    /// CreateBlockchain). Fails when the file exists.
    /// </summary>
    public static Blockchain Create(string path, byte[] genesisPubKeyHash, ChainParameters parameters, Func<Block, Block> mine,
        TimeProvider? time = null, ILogger? log = null, SignatureVerifier? verifier = null, AlertKeys? alertKeys = null)
    {
        time ??= TimeProvider.System;
        var coinbase = Transaction.CreateCoinbase(genesisPubKeyHash, ChainParameters.Subsidy, 0, ChainParameters.GenesisCoinbaseData, alertKeys?.Encode());
        var candidate = new Block(time.GetUtcNow().ToUnixTimeSeconds(), Hash256.Zero, MerkleTree.ComputeRoot([coinbase]),
            parameters.TargetBits, 0, 0, [coinbase]);
        var genesis = mine(candidate);
        BlockRules.CheckBlock(genesis, parameters, time.GetUtcNow());

        var store = ChainStore.Create(path);
        try
        {
            return Writing(path, "creating the blockchain", () => CreateLocked(store, path, genesis, parameters, time, verifier, log));
        }
        catch
        {
            store.Dispose();
            DeleteDatabaseFiles(path);
            throw;
        }
    }

    private static Blockchain CreateLocked(ChainStore store, string path, Block genesis, ChainParameters parameters,
        TimeProvider time, SignatureVerifier? verifier, ILogger? log)
    {
        var work = ProofOfWork.Work(genesis.TargetBits);
        using (var batch = store.BeginWrite())
        {
            store.SetMeta("target_bits", parameters.TargetBits.ToString(System.Globalization.CultureInfo.InvariantCulture));
            store.SetMeta("genesis", genesis.Hash.ToArray());
            store.InsertBlock(genesis, work, BlockStatus.Valid);
            ApplyOutputs(store, genesis.Transactions[0], 0);
            store.PutUndo(genesis.Hash, UndoData.Serialize([]));
            var filter = Filters.BlockFilter.Build(genesis, []);
            store.PutFilter(genesis.Hash, filter, Filters.BlockFilter.Header(filter, Hash256.Zero));
            store.AddTransactionIds(genesis);
            store.SetBestHash(0, genesis.Hash);
            store.SetMeta("tip", genesis.Hash.ToArray());
            batch.Commit();
        }

        return new Blockchain(store, parameters, genesis.Hash, new ChainTip(genesis.Hash, 0, work), time,
            verifier, log ?? NullLogger.Instance);
    }

    /// <summary>Runs a write; SQLite's failures become what the user can act on (disk full, read-only).</summary>
    private static T Writing<T>(string path, string doing, Func<T> write)
    {
        try
        {
            return write();
        }
        catch (Microsoft.Data.Sqlite.SqliteException e)
        {
            throw StoreFaults.WriteFailed(e, path, doing);
        }
    }

    /// <summary>Opens an existing chain (the tutorial's NewBlockchain).</summary>
    public static Blockchain Open(string path, TimeProvider? time = null, ILogger? log = null, SignatureVerifier? verifier = null,
        StoreOptions? options = null)
    {
        var store = ChainStore.Open(path, options);
        try
        {
            var bits = store.GetMetaString("target_bits");
            var genesis = store.GetMeta("genesis");
            var tipHash = store.GetMeta("tip");
            if (bits is null || genesis is null || tipHash is null || !int.TryParse(bits, out var targetBits))
                throw new StoreException($"{path} has no blockchain in it (incomplete database)");
            var tipInfo = store.GetBlockInfo(new Hash256(tipHash))
                ?? throw new StoreException($"{path} is damaged: its tip block is missing");
            var chain = new Blockchain(store, new ChainParameters { TargetBits = targetBits }, new Hash256(genesis),
                new ChainTip(tipInfo.Hash, tipInfo.Height, tipInfo.ChainWork), time ?? TimeProvider.System,
                verifier, log ?? NullLogger.Instance);
            if (!(options?.ReadOnly ?? false))
                chain.EnsureFilters();
            return chain;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    internal static void DeleteDatabaseFiles(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
            File.Delete(file);
    }

    public bool HasBlock(Hash256 hash)
    {
        lock (_gate)
            return _store.HasBlock(hash);
    }

    public Block? GetBlock(Hash256 hash)
    {
        lock (_gate)
            return _store.GetBlock(hash);
    }

    public byte[]? GetBlockBytes(Hash256 hash)
    {
        lock (_gate)
            return _store.GetBlockBytes(hash);
    }

    public StoredBlockInfo? GetBlockInfo(Hash256 hash)
    {
        lock (_gate)
            return _store.GetBlockInfo(hash);
    }

    /// <summary>The hash of the best chain's block at <paramref name="height"/>.</summary>
    public Hash256? GetHashAtHeight(int height)
    {
        lock (_gate)
            return _store.GetBestHash(height);
    }

    /// <summary>True when a transaction with this id is in a block of the best chain (spent or not).</summary>
    public bool HasTransaction(Hash256 txId)
    {
        lock (_gate)
            return _store.HasTransaction(txId);
    }

    /// <summary>A transaction of the best chain with its block (through the transaction index), or null.</summary>
    public (Transaction Transaction, Block Block)? FindTransaction(Hash256 txId)
    {
        lock (_gate)
        {
            if (_store.GetTransactionHeight(txId) is not { } height || _store.GetBestHash(height) is not { } hash || _store.GetBlock(hash) is not { } block)
                return null;
            return block.Transactions.FirstOrDefault(t => t.Id == txId) is { } tx ? (tx, block) : null;
        }
    }

    public bool IsOnBestChain(Hash256 hash)
    {
        lock (_gate)
            return _store.GetBlockInfo(hash) is { } info && _store.GetBestHash(info.Height) == hash;
    }

    /// <summary>Walks the best chain from the tip back to genesis (the tutorial's Iterator).</summary>
    public BlockchainIterator Iterator() => new(this, Tip.Hash);

    public void Dispose() => _store.Dispose();
}
