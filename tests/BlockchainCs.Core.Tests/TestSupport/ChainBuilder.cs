using BlockchainCs.Core.Chain;
using BlockchainCs.Core.Consensus;
using BlockchainCs.Core.Mining;
using BlockchainCs.Core.Primitives;
using BlockchainCs.Core.Wallets;

namespace BlockchainCs.Core.Tests.TestSupport;

/// <summary>
/// ChainBuilder is a real blockchain (a SQLite file in a temp directory) at an easy difficulty, a manual clock and a
/// few wallets, with helpers to mine blocks on the tip, craft blocks anywhere (side branches, broken blocks) and pay.
/// Wallet 0 (<see cref="A"/>) receives the genesis coinbase.
/// </summary>
public sealed class ChainBuilder : IDisposable
{
    /// <summary>About 256 hashes a block: instant with the reference miner.</summary>
    public const int TargetBits = 8;

    /// <summary>How far the clock moves before each block is built, so no two blocks share a timestamp.</summary>
    public static readonly TimeSpan BlockInterval = TimeSpan.FromMinutes(1);

    public ChainBuilder(int walletCount = 4)
    {
        Directory = new TempDirectory();
        Time = new ManualTimeProvider();
        Wallets = Enumerable.Range(0, walletCount).Select(_ => Wallet.Generate()).ToList();
        DatabasePath = Directory.File("blockchain.db");
        Chain = Blockchain.Create(DatabasePath, A.PubKeyHash, new ChainParameters { TargetBits = TargetBits }, Mine, Time);
    }

    public TempDirectory Directory { get; }

    public ManualTimeProvider Time { get; }

    public string DatabasePath { get; }

    public Blockchain Chain { get; private set; }

    public IReadOnlyList<Wallet> Wallets { get; }

    public Wallet A => Wallets[0];

    public Wallet B => Wallets[1];

    public Wallet C => Wallets[2];

    public Wallet D => Wallets[3];

    public Hash256 Genesis => Chain.GenesisHash;

    /// <summary>The candidate with a nonce that meets its own target bits.</summary>
    public static Block Mine(Block candidate) =>
        new Miner(1).Mine(candidate) ?? throw new InvalidOperationException("mining stopped without a block");

    /// <summary>Builds a block on the tip paying subsidy plus fees to <paramref name="minerPkh"/>, mines it and adds it.</summary>
    public Block MineBlock(byte[] minerPkh, params Transaction[] txs)
    {
        var block = BuildBlock(minerPkh, txs);
        var result = Chain.AddBlock(block);
        if (result.Status != BlockAddStatus.Connected)
            throw new InvalidOperationException($"block was not connected: {result.Status}");
        return block;
    }

    /// <summary>Like <see cref="MineBlock"/> but without adding the block.</summary>
    public Block BuildBlock(byte[] minerPkh, params Transaction[] txs)
    {
        Time.Advance(BlockInterval);
        return Mine(Chain.BuildCandidate(txs, minerPkh, FeesOf(txs)));
    }

    /// <summary>A mined block on any parent (side branches): coinbase of subsidy + <paramref name="fees"/>, then <paramref name="txs"/>.</summary>
    public Block BuildBlockOn(Hash256 parent, int height, byte[] minerPkh, Transaction[] txs, long fees = 0)
    {
        var coinbase = Transaction.CreateCoinbase(minerPkh, ChainParameters.Subsidy + fees, height);
        return Craft(parent, height, [coinbase, .. txs]);
    }

    /// <summary>
    /// A mined block with exactly the given transactions (no coinbase added): for blocks that break rules. The Merkle
    /// root is computed unless given; the target bits are the chain's unless given.
    /// </summary>
    public Block Craft(Hash256 parent, int height, IReadOnlyList<Transaction> transactions, Hash256? merkleRoot = null,
        int targetBits = TargetBits, long? timestamp = null)
    {
        Time.Advance(BlockInterval);
        var candidate = new Block(timestamp ?? Time.GetUtcNow().ToUnixTimeSeconds(), parent,
            merkleRoot ?? MerkleTree.ComputeRoot(transactions), targetBits, 0, height, transactions);
        return Mine(candidate);
    }

    /// <summary>A signed payment from the UTXO set (the tutorial's send), change back to the sender.</summary>
    public Transaction Pay(Wallet from, Wallet to, long amount, Func<OutPoint, bool>? exclude = null) =>
        TransactionBuilder.CreatePayment(from, to.PubKeyHash, amount, Chain.Utxo, exclude);

    /// <summary>A transaction signed by <paramref name="signer"/> spending exactly <paramref name="spends"/>.</summary>
    public static Transaction Spend(Wallet signer, IReadOnlyList<(OutPoint OutPoint, TxOutput Output)> spends, params TxOutput[] outputs)
    {
        var inputs = spends.Select(s => new TxInput(s.OutPoint, [], signer.PublicKey)).ToList();
        return TransactionBuilder.Sign(new Transaction(inputs, outputs), signer.PrivateKey, spends.Select(s => s.Output).ToList());
    }

    /// <summary>Output <paramref name="index"/> of <paramref name="tx"/>, ready for <see cref="Spend"/>.</summary>
    public static (OutPoint OutPoint, TxOutput Output) OutputOf(Transaction tx, int index = 0) =>
        (new OutPoint(tx.Id, (uint)index), tx.Outputs[index]);

    /// <summary>The fees of <paramref name="txs"/> (inputs from the UTXO set or earlier txs of the list; unknown inputs count as no fee).</summary>
    public long FeesOf(IReadOnlyList<Transaction> txs)
    {
        var created = new Dictionary<OutPoint, TxOutput>();
        long fees = 0;
        foreach (var tx in txs)
        {
            long inputs = 0;
            var known = !tx.IsCoinbase;
            foreach (var input in tx.Inputs)
            {
                var spent = created.GetValueOrDefault(input.PrevOut) ?? Chain.Utxo.Get(input.PrevOut)?.Output;
                if (spent is null)
                {
                    known = false;
                    break;
                }

                inputs += spent.Value;
            }

            if (known)
                fees += Math.Max(0, inputs - tx.Outputs.Sum(o => o.Value));
            for (var i = 0; i < tx.Outputs.Count; i++)
                created[new OutPoint(tx.Id, (uint)i)] = tx.Outputs[i];
        }

        return fees;
    }

    public long Balance(Wallet wallet) => Chain.Utxo.GetBalance(wallet.PubKeyHash);

    /// <summary>The digest of the UTXO set as kept block by block.</summary>
    public Hash256 UtxoDigest() => Chain.Utxo.ComputeDigest();

    /// <summary>Rebuilds the UTXO set from the best chain's blocks and returns the digest of the result.</summary>
    public Hash256 ReindexedDigest()
    {
        Chain.Utxo.Reindex();
        return Chain.Utxo.ComputeDigest();
    }

    /// <summary>How many blocks (all branches, all statuses) the database file holds, read through a second connection.</summary>
    private readonly Dictionary<Hash256, Block> _pending = [];

    /// <summary>
    /// Adds a block the way the node's sync manager does: blocks of a lighter side branch are not stored, so they are
    /// kept here in memory and handed back as ancestors when a later block of their branch arrives.
    /// </summary>
    public BlockAddResult Submit(Block block)
    {
        var ancestors = new List<Block>();
        for (var cursor = block.PrevHash; _pending.TryGetValue(cursor, out var parent); cursor = parent.PrevHash)
            ancestors.Insert(0, parent);
        var result = Chain.AddBlock(block, ancestors);
        if (result.Status == BlockAddStatus.SideBranch)
            _pending[block.Hash] = block;
        foreach (var connected in result.Connected)
            _pending.Remove(connected.Hash);
        return result;
    }

    public int StoredBlockCount()
    {
        using var store = ChainStore.Open(DatabasePath);
        return store.BlockCount();
    }

    /// <summary>Closes the database and opens it again from the file.</summary>
    public void Reopen()
    {
        Chain.Dispose();
        Chain = Blockchain.Open(DatabasePath, Time);
    }

    /// <summary>
    /// Asserts that adding <paramref name="block"/> breaks <paramref name="code"/> and leaves the chain as it was:
    /// same tip, same UTXO set, same number of stored blocks.
    /// </summary>
    public RuleException AssertRejected(Block block, RuleErrorCode code)
    {
        var tip = Chain.Tip;
        var digest = UtxoDigest();
        var count = StoredBlockCount();

        var error = Assert.Throws<RuleException>(() => Chain.AddBlock(block));

        Assert.Equal(code, error.Code);
        Assert.Equal(tip, Chain.Tip);
        Assert.Equal(digest, UtxoDigest());
        Assert.Equal(count, StoredBlockCount());
        return error;
    }

    public void Dispose()
    {
        Chain.Dispose();
        Directory.Dispose();
    }
}
