using BenchmarkDotNet.Attributes;
using BlockchainCs.Core.Mining;
using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Benchmarks.Micro;

/// <summary>
/// The cost of one header hash: <see cref="Block.ComputeHash"/> (two SHA-256 compressions through .NET's SHA256)
/// against the miner's midstate path (one compression of the second block, 16/8/4 nonces per SIMD group), per nonce.
/// </summary>
public class HeaderHashBenchmarks
{
    private const int Nonces = 4096;
    private Hash256 _prev;
    private Hash256 _merkle;
    private SecondBlockTemplate _template;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(9);
        var bytes = new byte[32];
        random.NextBytes(bytes);
        _prev = new Hash256(bytes);
        random.NextBytes(bytes);
        _merkle = new Hash256(bytes);
        _template = new HeaderMidstate(_prev, _merkle).Template(1_700_000_000, 16, 0);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Nonces)]
    public Hash256 BlockComputeHash()
    {
        var last = default(Hash256);
        for (var nonce = 0; nonce < Nonces; nonce++)
            last = Block.ComputeHash(_prev, _merkle, 1_700_000_000, 16, nonce);
        return last;
    }

    /// <summary>The mask can only match a hash whose first word is zero (2^-32), so the whole range is hashed.</summary>
    [Benchmark(OperationsPerInvoke = Nonces)]
    public uint MidstateNonceHasher()
    {
        NonceSearch.Scan(NonceSearch.Best, in _template, 0, Nonces, uint.MaxValue, out var groupLo, out var lanes);
        return groupLo ^ lanes;
    }
}
