using System.Diagnostics;
using BlockchainCs.Core.Chain;
using BlockchainCs.Core.Consensus;
using BlockchainCs.Core.Crypto;
using BlockchainCs.Core.Mining;
using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Benchmarks.Ratios;

/// <summary>
/// getbalance: the median wall time of <see cref="UtxoSet.GetBalance"/> for an address with a handful of outputs, on a
/// chain whose UTXO set holds 100,000 outputs ÷ on one holding 100; optionally the same for the CLI's getbalance.
/// </summary>
internal static class BalanceBench
{
    /// <summary>Outputs of the measured address, in both chains.</summary>
    public const int OwnOutputs = 5;

    private const int SmallUtxoCount = 100;
    private const int CallsPerRound = 200;
    private const int Rounds = 41;
    private const int CliRuns = 7;

    public static string Run(BenchOptions options, string directory)
    {
        Directory.CreateDirectory(directory);
        var owner = new byte[TxOutput.PubKeyHashSize];
        new Random(5).NextBytes(owner);
        RatioBench.Progress($"getbalance: building chains with {SmallUtxoCount:N0} and {options.BigUtxoCount:N0} unspent outputs");
        var build = Stopwatch.StartNew();
        var smallPath = Path.Combine(directory, "blockchain_small.db");
        var bigPath = Path.Combine(directory, "blockchain_big.db");
        CreateChain(smallPath, SmallUtxoCount, owner);
        CreateChain(bigPath, options.BigUtxoCount, owner);
        RatioBench.Progress($"getbalance: built in {RatioBench.Duration(build.Elapsed)}; measuring");

        double small, big;
        using (var smallChain = Blockchain.Open(smallPath))
        using (var bigChain = Blockchain.Open(bigPath))
        {
            if (smallChain.Utxo.CountOutputs() != SmallUtxoCount || bigChain.Utxo.CountOutputs() != options.BigUtxoCount)
                throw new InvalidOperationException("the generated UTXO sets have the wrong size");
            var smallTimes = new List<double>();
            var bigTimes = new List<double>();
            for (var round = -3; round < Rounds; round++)
            {
                // Alternating rounds: a burst of load elsewhere lands on both sides; the first rounds warm up.
                var s = PerCall(smallChain, owner);
                var b = PerCall(bigChain, owner);
                if (round < 0)
                    continue;
                smallTimes.Add(s);
                bigTimes.Add(b);
            }

            small = RatioBench.Median(smallTimes);
            big = RatioBench.Median(bigTimes);
        }

        var ratio = big / small;
        var line = $"getbalance: Utxo.GetBalance ({OwnOutputs} outputs) with {options.BigUtxoCount:N0} UTXOs {RatioBench.Duration(TimeSpan.FromSeconds(big))} ÷ with {SmallUtxoCount} UTXOs {RatioBench.Duration(TimeSpan.FromSeconds(small))} = {RatioBench.Ratio(ratio)} (median of {Rounds} × {CallsPerRound})";
        if (options.Cli is { } cli && File.Exists(cli))
        {
            var address = Address.FromPubKeyHash(owner);
            var smallCli = new List<double>();
            var bigCli = new List<double>();
            for (var run = -1; run < CliRuns; run++)
            {
                var s = CliTime(cli, directory, "small", address);
                var b = CliTime(cli, directory, "big", address);
                if (run < 0)
                    continue;
                smallCli.Add(s);
                bigCli.Add(b);
            }

            var cliSmall = RatioBench.Median(smallCli);
            var cliBig = RatioBench.Median(bigCli);
            line += $"; CLI getbalance {RatioBench.Duration(TimeSpan.FromSeconds(cliBig))} ÷ {RatioBench.Duration(TimeSpan.FromSeconds(cliSmall))} = {RatioBench.Ratio(cliBig / cliSmall)}";
        }

        return $"{line} — {RatioBench.Verdict("≤ 1.2", ratio <= 1.2)}";
    }

    /// <summary>Seconds per GetBalance call over one round.</summary>
    private static double PerCall(Blockchain chain, byte[] owner)
    {
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < CallsPerRound; i++)
        {
            if (chain.Utxo.GetBalance(owner) != OwnOutputs)
                throw new InvalidOperationException("wrong balance");
        }

        return stopwatch.Elapsed.TotalSeconds / CallsPerRound;
    }

    /// <summary>Wall seconds of one <c>blockchain_cs getbalance</c> process.</summary>
    public static double CliTime(string cli, string directory, string nodeId, string address)
    {
        var start = new ProcessStartInfo(cli) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "getbalance", "-address", address, "--node-id", nodeId, "--data-dir", directory })
            start.ArgumentList.Add(arg);
        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {cli}");
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        stopwatch.Stop();
        if (process.ExitCode != 0 || !output.Contains($": {OwnOutputs}", StringComparison.Ordinal))
            throw new InvalidOperationException($"{cli} getbalance failed ({process.ExitCode}): {output} {errors.Result}");
        return stopwatch.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// A real chain (every block mined at 1 target bit and added through AddBlock) whose UTXO set holds exactly
    /// <paramref name="utxoCount"/> outputs of one coin, <see cref="OwnOutputs"/> of them to <paramref name="owner"/>
    /// and the rest to about utxoCount / 2 other addresses. The subsidy (10) bounds the coins a block creates, so each
    /// block's coinbase has ten outputs of 1.
    /// </summary>
    public static void CreateChain(string path, int utxoCount, byte[] owner)
    {
        var random = new Random(utxoCount);
        var others = Math.Max(1, utxoCount / 2);
        byte[] Other()
        {
            var pkh = new byte[TxOutput.PubKeyHashSize];
            BitConverter.TryWriteBytes(pkh, random.Next(others));
            pkh[19] = 0xAA; // never the owner
            return pkh;
        }

        var mine = (Block candidate) => new Miner(1).Mine(candidate) ?? throw new InvalidOperationException("mining stopped");
        using var chain = Blockchain.Create(path, Other(), new ChainParameters { TargetBits = 1 }, mine);
        var remaining = utxoCount - 1; // the genesis output
        var blocks = (remaining + (int)ChainParameters.Subsidy - 1) / (int)ChainParameters.Subsidy;
        var ownAt = new HashSet<int>(Enumerable.Range(0, OwnOutputs).Select(i => 1 + (i * blocks / OwnOutputs)));
        var progress = new GenerationProgress($"a chain with {utxoCount:N0} UTXOs (blocks)", blocks);
        for (var height = 1; remaining > 0; height++)
        {
            progress.Report(height - 1);
            var outputs = new List<TxOutput>();
            for (var i = 0; i < ChainParameters.Subsidy && remaining > 0; i++, remaining--)
                outputs.Add(new TxOutput(1, i == 0 && ownAt.Contains(height) ? owner : Other()));
            var template = Transaction.CreateCoinbase(owner, ChainParameters.Subsidy, height);
            Transaction[] txs = [new Transaction(template.Inputs, outputs)];
            var tip = chain.Tip;
            var candidate = new Block(DateTimeOffset.UtcNow.ToUnixTimeSeconds(), tip.Hash, MerkleTree.ComputeRoot(txs), 1, 0, height, txs);
            if (chain.AddBlock(mine(candidate)).Status != BlockAddStatus.Connected)
                throw new InvalidOperationException($"block {height} was not connected");
        }
    }
}
