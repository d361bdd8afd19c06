using System.Diagnostics;
using BlockchainCs.Core.Consensus;
using BlockchainCs.Core.Crypto;
using BlockchainCs.Core.Primitives;
using BlockchainCs.Core.Wallets;

namespace BlockchainCs.Benchmarks.Ratios;

/// <summary>
/// verify: signature verifications per second through the project (<see cref="ISecp256k1.Verify"/> of the active
/// backend) ÷ libsecp256k1 called directly (<see cref="DirectSecp256k1"/>), both single-threaded over the same
/// signatures; then a block's worth of inputs through <see cref="SignatureVerifier.VerifyAll"/> (no cache) on all cores
/// ÷ the same inputs one by one on one core.
/// </summary>
internal static class VerifyBench
{
    private const int Signatures = 256;
    private const int BlockInputs = 4_000;
    private const int InputsPerTransaction = 4;
    private static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(250);

    public static string Run()
    {
        RatioBench.Progress("verify: each backend vs direct libsecp256k1; VerifyAll on all cores vs one");
        var backend = Secp256k1.Default;
        var fallback = new NBitcoinSecp256k1();
        var (keys, digests, signatures) = MakeSignatures(fallback);
        var direct = DirectSecp256k1.TryLoad();
        var digestBytes = digests.Select(d => d.ToArray()).ToArray();

        double project = 0, managed = 0, reference = 0;
        for (var round = 0; round < 8; round++)
        {
            project = Math.Max(project, RatePerSecond(i => backend.Verify(keys[i % Signatures], digests[i % Signatures], signatures[i % Signatures])));
            managed = Math.Max(managed, RatePerSecond(i => fallback.Verify(keys[i % Signatures], digests[i % Signatures], signatures[i % Signatures])));
            if (direct is not null)
                reference = Math.Max(reference, RatePerSecond(i => direct.Verify(keys[i % Signatures], digestBytes[i % Signatures], signatures[i % Signatures])));
        }

        var (parallel, single) = BlockValidation(backend);
        var blockPart = $"VerifyAll {BlockInputs:N0} inputs: {Environment.ProcessorCount} cores {RatioBench.Rate(parallel)} = {RatioBench.Ratio(parallel / single)}× 1 core {RatioBench.Rate(single)}";
        if (direct is null)
        {
            return $"verify: libsecp256k1 is not installed, so neither ratio can be measured (no reference); {backend.Name} " +
                $"{RatioBench.Rate(managed, " verifications/s")} reported only; {blockPart} — target ≥ 0.9 and fallback ≥ 0.2: not measured";
        }

        var ratio = project / reference;
        var fallbackRatio = managed / reference;
        return $"verify: {backend.Name} via ISecp256k1 {RatioBench.Rate(project, " verifications/s")} ÷ direct P/Invoke {RatioBench.Rate(reference)} = {RatioBench.Ratio(ratio)} " +
            $"(target ≥ 0.9); fallback {fallback.Name} {RatioBench.Rate(managed)} ÷ {RatioBench.Rate(reference)} = {RatioBench.Ratio(fallbackRatio)} (target ≥ 0.2); " +
            $"{blockPart} — {RatioBench.Verdict("≥ 0.9 and fallback ≥ 0.2", ratio >= 0.9 && fallbackRatio >= 0.2)}";
    }

    private static (byte[][] Keys, Hash256[] Digests, byte[][] Signatures) MakeSignatures(ISecp256k1 backend)
    {
        var random = new Random(7);
        var keys = new byte[Signatures][];
        var digests = new Hash256[Signatures];
        var signatures = new byte[Signatures][];
        for (var i = 0; i < Signatures; i++)
        {
            var wallet = Wallet.Generate(backend);
            var digest = new byte[32];
            random.NextBytes(digest);
            keys[i] = wallet.PublicKey;
            digests[i] = new Hash256(digest);
            signatures[i] = backend.Sign(wallet.PrivateKey, digests[i]);
        }

        return (keys, digests, signatures);
    }

    /// <summary>Calls per second of <paramref name="verify"/> over one time slice; every call must succeed.</summary>
    private static double RatePerSecond(Func<int, bool> verify)
    {
        var stopwatch = Stopwatch.StartNew();
        var calls = 0;
        while (stopwatch.Elapsed < Slice)
        {
            for (var i = 0; i < 64; i++, calls++)
                if (!verify(calls))
                    throw new InvalidOperationException("a valid signature did not verify");
        }

        return calls / stopwatch.Elapsed.TotalSeconds;
    }

    /// <summary>Inputs per second: VerifyAll over a block of inputs (parallel) and the same inputs one transaction at a time.</summary>
    private static (double Parallel, double Single) BlockValidation(ISecp256k1 backend)
    {
        var wallet = Wallet.Generate(backend);
        var random = new Random(11);
        var items = new List<(Transaction Tx, IReadOnlyList<TxOutput> Spent)>();
        for (var t = 0; t < BlockInputs / InputsPerTransaction; t++)
        {
            var spent = new List<TxOutput>();
            var inputs = new List<TxInput>();
            for (var i = 0; i < InputsPerTransaction; i++)
            {
                var txId = new byte[32];
                random.NextBytes(txId);
                inputs.Add(new TxInput(new OutPoint(new Hash256(txId), (uint)i), [], wallet.PublicKey));
                spent.Add(new TxOutput(10, wallet.PubKeyHash));
            }

            var tx = TransactionBuilder.Sign(new Transaction(inputs, [new TxOutput(40, wallet.PubKeyHash)]), wallet.PrivateKey, spent, backend);
            items.Add((tx, spent));
        }

        var verifier = new SignatureVerifier(backend, cache: null);
        double parallel = 0, single = 0;
        for (var round = 0; round < 3; round++)
        {
            var stopwatch = Stopwatch.StartNew();
            verifier.VerifyAll(items);
            parallel = Math.Max(parallel, BlockInputs / stopwatch.Elapsed.TotalSeconds);

            stopwatch.Restart();
            foreach (var (tx, spent) in items)
                verifier.Verify(tx, spent);
            single = Math.Max(single, BlockInputs / stopwatch.Elapsed.TotalSeconds);
        }

        return (parallel, single);
    }
}
