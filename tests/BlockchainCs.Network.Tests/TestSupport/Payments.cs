using BlockchainCs.Core.Chain;
using BlockchainCs.Core.Primitives;
using BlockchainCs.Core.Wallets;

namespace BlockchainCs.Network.Tests.TestSupport;

/// <summary>Hand-made signed transactions: exact inputs, exact outputs, exact fee (and forgeries).</summary>
public static class Payments
{
    /// <summary>The genesis coinbase output (10 coins to <see cref="TestNetwork.Alice"/>).</summary>
    public static Coin GenesisCoin(Blockchain chain)
    {
        var coinbase = chain.GetBlock(chain.GenesisHash)!.Transactions[0];
        return new Coin(new OutPoint(coinbase.Id, 0), coinbase.Outputs[0]);
    }

    /// <summary>Output <paramref name="index"/> of <paramref name="tx"/> as a coin to spend.</summary>
    public static Coin CoinOf(Transaction tx, int index) => new(new OutPoint(tx.Id, (uint)index), tx.Outputs[index]);

    /// <summary><paramref name="owner"/> spends <paramref name="inputs"/> into <paramref name="outputs"/>; the difference is the fee.</summary>
    public static Transaction Pay(Wallet owner, IReadOnlyList<Coin> inputs, params (byte[] To, long Value)[] outputs) =>
        Forge(owner, inputs, outputs);

    /// <summary>
    /// <paramref name="thief"/> spends coins that belong to someone else: its own public key in the inputs, its own
    /// signature. Well formed and correctly signed by the thief, but the key does not hash to the coins' owner.
    /// </summary>
    public static Transaction Steal(Wallet thief, IReadOnlyList<Coin> inputs, params (byte[] To, long Value)[] outputs) =>
        Forge(thief, inputs, outputs);

    /// <summary>A signed transaction spending an output of a transaction that exists nowhere: an orphan forever.</summary>
    public static Transaction Orphan(Wallet owner) =>
        Pay(owner, [new Coin(new OutPoint(Hash256.Compute(Guid.NewGuid().ToByteArray()), 0), new TxOutput(5, owner.PubKeyHash))], (owner.PubKeyHash, 5));

    private static Transaction Forge(Wallet signer, IReadOnlyList<Coin> inputs, (byte[] To, long Value)[] outputs)
    {
        var unsigned = new Transaction(
            [.. inputs.Select(c => new TxInput(c.OutPoint, [], signer.PublicKey))],
            [.. outputs.Select(o => new TxOutput(o.Value, o.To))]);
        return TransactionBuilder.Sign(unsigned, signer.PrivateKey, [.. inputs.Select(c => c.Output)]);
    }
}
