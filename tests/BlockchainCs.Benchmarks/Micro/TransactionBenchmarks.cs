using BenchmarkDotNet.Attributes;
using BlockchainCs.Core.Primitives;
using BlockchainCs.Core.Wallets;

namespace BlockchainCs.Benchmarks.Micro;

/// <summary>A signed two-input, two-output payment: serialization, decoding, id and signature digest.</summary>
[MemoryDiagnoser]
public class TransactionBenchmarks
{
    private Transaction _signed = null!;
    private byte[] _bytes = [];
    private byte[] _spentPubKeyHash = [];

    [GlobalSetup]
    public void Setup()
    {
        var wallet = Wallet.Generate();
        _spentPubKeyHash = wallet.PubKeyHash;
        var random = new Random(3);
        var inputs = Enumerable.Range(0, 2).Select(i =>
        {
            var txId = new byte[32];
            random.NextBytes(txId);
            return new TxInput(new OutPoint(new Hash256(txId), (uint)i), [], wallet.PublicKey);
        }).ToList();
        var spent = inputs.Select(_ => new TxOutput(10, wallet.PubKeyHash)).ToList();
        _signed = TransactionBuilder.Sign(new Transaction(inputs, [new TxOutput(15, new byte[20]), new TxOutput(5, wallet.PubKeyHash)]), wallet.PrivateKey, spent);
        _bytes = _signed.ToBytes();
    }

    /// <summary>A fresh object each time: <see cref="Transaction.ToBytes"/> caches its result.</summary>
    [Benchmark]
    public byte[] Serialize() => new Transaction(_signed.Inputs, _signed.Outputs).ToBytes();

    [Benchmark]
    public Transaction Deserialize() => Transaction.FromBytes(_bytes);

    [Benchmark]
    public Hash256 ComputeId() => new Transaction(_signed.Inputs, _signed.Outputs).Id;

    [Benchmark]
    public Hash256 SignatureHash() => _signed.SignatureHash(1, _spentPubKeyHash);
}
