using BenchmarkDotNet.Attributes;
using BlockchainCs.Benchmarks.Ratios;
using BlockchainCs.Core.Crypto;
using BlockchainCs.Core.Primitives;
using BlockchainCs.Core.Wallets;

namespace BlockchainCs.Benchmarks.Micro;

/// <summary>One signature verification through each backend, and through libsecp256k1 directly.</summary>
public class VerifyBenchmarks
{
    private readonly NBitcoinSecp256k1 _dotNet = new();
    private LibSecp256k1? _native;
    private DirectSecp256k1? _direct;
    private byte[] _privateKey = [];
    private byte[] _publicKey = [];
    private Hash256 _digest;
    private byte[] _digestBytes = [];
    private byte[] _signature = [];

    [GlobalSetup]
    public void Setup()
    {
        _native = LibSecp256k1.TryLoad();
        _direct = DirectSecp256k1.TryLoad();
        var wallet = Wallet.Generate(_dotNet);
        _privateKey = wallet.PrivateKey;
        _publicKey = wallet.PublicKey;
        _digestBytes = new byte[32];
        new Random(1).NextBytes(_digestBytes);
        _digest = new Hash256(_digestBytes);
        _signature = _dotNet.Sign(_privateKey, _digest);
    }

    [Benchmark(Baseline = true)]
    public bool LibSecp256k1Verify() => _native?.Verify(_publicKey, _digest, _signature) ?? throw new PlatformNotSupportedException("libsecp256k1 is not installed");

    [Benchmark]
    public bool DirectPInvokeVerify() => _direct?.Verify(_publicKey, _digestBytes, _signature) ?? throw new PlatformNotSupportedException("libsecp256k1 is not installed");

    [Benchmark]
    public bool DotNetVerify() => _dotNet.Verify(_publicKey, _digest, _signature);

    [Benchmark]
    public byte[] LibSecp256k1Sign() => _native?.Sign(_privateKey, _digest) ?? throw new PlatformNotSupportedException("libsecp256k1 is not installed");
}
