using BlockchainCs.Core.Chain;
using BlockchainCs.Core.Crypto;
using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Core.Wallets;

/// <summary>TransactionBuilder makes signed payments (the tutorial's NewUTXOTransaction and Transaction.Sign).</summary>
public static class TransactionBuilder
{
    /// <summary>
    /// Pays <paramref name="amount"/> from <paramref name="from"/> to <paramref name="toPubKeyHash"/>, with change
    /// back to the sender, spending the sender's oldest outputs. <paramref name="exclude"/> skips outputs that are
    /// already spent by unconfirmed transactions.
    /// </summary>
    public static Transaction CreatePayment(Wallet from, byte[] toPubKeyHash, long amount, UtxoSet utxo,
        Func<OutPoint, bool>? exclude = null, ISecp256k1? backend = null)
    {
        if (amount <= 0)
            throw new ArgumentOutOfRangeException(nameof(amount), "the amount must be positive");
        var (total, outputs) = utxo.FindSpendable(from.PubKeyHash, amount, exclude);
        if (total < amount)
            throw new InsufficientFundsException(total, amount);

        var inputs = outputs.Select(o => new TxInput(o.OutPoint, [], from.PublicKey)).ToList();
        var newOutputs = new List<TxOutput> { new(amount, toPubKeyHash) };
        if (total > amount)
            newOutputs.Add(new TxOutput(total - amount, from.PubKeyHash));
        var unsigned = new Transaction(inputs, newOutputs);
        return Sign(unsigned, from.PrivateKey, outputs.Select(o => o.Output).ToList(), backend);
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
