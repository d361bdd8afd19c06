using BlockchainCs.Core.Crypto;
using BlockchainCs.Core.Filters;
using BlockchainCs.Core.Primitives;
using BlockchainCs.Core.Wallets;

namespace BlockchainCs.Network.Spv;

/// <summary>
/// A light wallet's view of its coins, from its own transactions only (it has no UTXO set): an output to one of its
/// keys is its coin until a transaction it knows spends it. How deep the block holding it lies decides whether it
/// counts as confirmed (6 blocks, as Mastering Bitcoin says SPV wallets wait, unless told otherwise).
/// </summary>
public sealed class SpvWallet(IReadOnlyList<Wallet> wallets)
{
    public const int DefaultMinConfirmations = 6;

    private readonly HashSet<string> _keyHashes = [.. wallets.Select(w => Convert.ToHexString(w.PubKeyHash))];

    public IReadOnlyList<Wallet> Wallets => wallets;

    /// <summary>Room in the filter for the outpoints the serving node adds on each match (update-all), beyond our own elements.</summary>
    public const int OutPointHeadroom = 100;

    /// <summary>
    /// The filter this wallet loads: each key's hash (outputs pay it) and the key itself (inputs carry it), update-all so
    /// spends match too. Sized for those elements plus <see cref="OutPointHeadroom"/> outpoints: a filter sized for two
    /// elements is 4 bytes, and the outpoints a serving node adds would soon set every bit, and match every block.
    /// </summary>
    public BloomFilter CreateFilter(double falsePositiveRate, uint tweak)
    {
        var filter = BloomFilter.Create((wallets.Count * 2) + OutPointHeadroom, falsePositiveRate, tweak, BloomFlags.All);
        foreach (var wallet in wallets)
        {
            filter.Insert(wallet.PubKeyHash);
            filter.Insert(wallet.PublicKey);
        }

        return filter;
    }

    public bool Owns(byte[] pubKeyHash) => _keyHashes.Contains(Convert.ToHexString(pubKeyHash));

    /// <summary>Whether a transaction pays one of our keys or spends with one (a filter's false positives are not).</summary>
    public bool IsRelevant(Transaction tx) =>
        tx.Outputs.Any(o => Owns(o.PubKeyHash)) || (!tx.IsCoinbase && tx.Inputs.Any(i => Owns(Hashes.Hash160(i.PubKey))));

    /// <summary>The unspent outputs to <paramref name="pubKeyHash"/> with the depth of the block holding each (0: unconfirmed).</summary>
    public static List<(OutPoint OutPoint, TxOutput Output, int Depth)> Unspent(IReadOnlyList<WalletTransaction> transactions, byte[] pubKeyHash)
    {
        var spent = transactions.Where(t => !t.Transaction.IsCoinbase).SelectMany(t => t.Transaction.Inputs).Select(i => i.PrevOut).ToHashSet();
        var coins = new List<(OutPoint, TxOutput, int)>();
        foreach (var wallet in transactions)
        {
            var tx = wallet.Transaction;
            for (var i = 0; i < tx.Outputs.Count; i++)
            {
                var outPoint = new OutPoint(tx.Id, (uint)i);
                if (tx.Outputs[i].PubKeyHash.AsSpan().SequenceEqual(pubKeyHash) && !spent.Contains(outPoint))
                    coins.Add((outPoint, tx.Outputs[i], wallet.Depth));
            }
        }

        return coins;
    }

    public static SpvBalance Balance(IReadOnlyList<WalletTransaction> transactions, byte[] pubKeyHash, int minConfirmations)
    {
        long confirmed = 0, confirming = 0, unconfirmed = 0;
        foreach (var (_, output, depth) in Unspent(transactions, pubKeyHash))
        {
            if (depth >= minConfirmations)
                confirmed += output.Value;
            else if (depth > 0)
                confirming += output.Value;
            else
                unconfirmed += output.Value;
        }

        return new SpvBalance(confirmed, confirming, unconfirmed);
    }

    /// <summary>
    /// A payment from <paramref name="from"/> built from the wallet's own known coins (those in a block first, oldest
    /// first), change back to the sender; signed.
    /// </summary>
    public static Transaction Pay(IReadOnlyList<WalletTransaction> transactions, Wallet from, byte[] to, long amount, long fee = 0)
    {
        var needed = TransactionBuilder.Needed(amount, fee);
        var coins = Unspent(transactions, from.PubKeyHash).OrderByDescending(c => c.Depth).ToList();
        var chosen = new List<(OutPoint OutPoint, TxOutput Output)>();
        long total = 0;
        foreach (var coin in coins)
        {
            if (total >= needed)
                break;
            chosen.Add((coin.OutPoint, coin.Output));
            total += coin.Output.Value;
        }

        if (total < needed)
            throw new InsufficientFundsException(total, needed);
        return TransactionBuilder.Pay(from, chosen, to, amount, fee);
    }
}
