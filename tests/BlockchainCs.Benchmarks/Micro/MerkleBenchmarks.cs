using BenchmarkDotNet.Attributes;
using BlockchainCs.Core.Consensus;
using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Benchmarks.Micro;

/// <summary>The Merkle root of a block's transactions (their serializations are cached, as in a decoded block).</summary>
[MemoryDiagnoser]
public class MerkleBenchmarks
{
    private Transaction[] _transactions = [];

    [Params(16, 1024)]
    public int Transactions { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var pkh = new byte[20];
        _transactions = [.. Enumerable.Range(0, Transactions).Select(i => Transaction.CreateCoinbase(pkh, 10, i))];
        foreach (var tx in _transactions)
            _ = tx.ToBytes();
    }

    [Benchmark]
    public Hash256 ComputeRoot() => MerkleTree.ComputeRoot(_transactions);
}
