using BlockchainCs.Core.Chain;
using BlockchainCs.Core.Crypto;
using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Core.Wallets;

/// <summary>TransactionBuilder makes signed payments (the tutorial's NewUTXOTransaction and Transaction.Sign).</summary>
public static class TransactionBuilder
{
    /// <summary>
    /// Pays <paramref name="amount"/> from <paramref name="from"/> to <paramref name="toPubKeyHash"/>, leaving
    /// <paramref name="fee"/> to the miner and the change back to the sender, spending the sender's oldest outputs.
    /// <paramref name="exclude"/> skips outputs that are already spent by unconfirmed transactions.
    /// </summary>
    public static Transaction CreatePayment(Wallet from, byte[] toPubKeyHash, long amount, UtxoSet utxo,
        Func<OutPoint, bool>? exclude = null, ISecp256k1? backend = null, long fee = 0)
    {
        var needed = Needed(amount, fee);
        var (total, outputs) = utxo.FindSpendable(from.PubKeyHash, needed, exclude);
        if (total < needed)
            throw new InsufficientFundsException(total, needed);
        return Pay(from, [.. outputs.Select(o => (o.OutPoint, o.Output))], toPubKeyHash, amount, fee, backend);
    }

    /// <summary>What a payment spends: the amount and the fee (both checked, so no sum can wrap).</summary>
    public static long Needed(long amount, long fee)
    {
        if (amount <= 0)
            throw new ArgumentOutOfRangeException(nameof(amount), "the amount must be positive");
        if (fee < 0)
            throw new ArgumentOutOfRangeException(nameof(fee), "the fee cannot be negative");
        return checked(amount + fee);
    }

    /// <summary>
    /// A signed payment spending exactly <paramref name="coins"/> (chosen by the caller, worth at least amount + fee):
    /// <paramref name="amount"/> to the recipient, the rest minus <paramref name="fee"/> back to the sender.
    /// </summary>
    public static Transaction Pay(Wallet from, IReadOnlyList<(OutPoint OutPoint, TxOutput Output)> coins, byte[] toPubKeyHash, long amount,
        long fee, ISecp256k1? backend = null)
    {
        var needed = Needed(amount, fee);
        var total = coins.Sum(c => c.Output.Value);
        if (total < needed)
            throw new InsufficientFundsException(total, needed);
        var inputs = coins.Select(c => new TxInput(c.OutPoint, [], from.PublicKey)).ToList();
        var newOutputs = new List<TxOutput> { new(amount, toPubKeyHash) };
        if (total > needed)
            newOutputs.Add(new TxOutput(total - needed, from.PubKeyHash));
        var unsigned = new Transaction(inputs, newOutputs);
        return Sign(unsigned, from.PrivateKey, [.. coins.Select(c => c.Output)], backend);
    }

    /// <summary>Signs every input: the digest is the tutorial's trimmed copy with the spent output's key hash in place.</summary>
    public static Transaction Sign(Transaction tx, byte[] privateKey, IReadOnlyList<TxOutput> spent, ISecp256k1? backend = null)
    {
        backend ??= Secp256k1.Default;
        var signatures = new byte[tx.Inputs.Count][];
        for (var i = 0; i < signatures.Length; i++)
            signatures[i] = backend.Sign(privateKey, tx.SignatureHash(i, spent[i].PubKeyHash));
        return tx.WithSignatures(signatures);
    }
}
