using System.Diagnostics;
using BlockchainCs.Core.Chain;
using BlockchainCs.Core.Consensus;
using BlockchainCs.Core.Crypto;
using BlockchainCs.Core.Mining;
using BlockchainCs.Core.Primitives;
using BlockchainCs.Core.Wallets;
using BlockchainCs.Network;
using Microsoft.Extensions.Logging.Abstractions;

namespace BlockchainCs.Benchmarks.Ratios;

/// <summary>
/// sync: a fresh node syncing a generated chain from one peer over loopback ÷ a fresh chain replaying the same
/// blocks through <see cref="Blockchain.AddBlock"/> locally (decoding each from its stored bytes). Both start from a
/// copy of the same genesis database, and both verify every signature (fresh signature caches).
/// </summary>
internal static class SyncBench
{
    private const int TargetBits = 8;
    private const int Wallets = 8;
    private const int PaymentsPerBlock = 3;
    private const int Runs = 3;
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    public static string Run(BenchOptions options, string directory)
    {
        var (genesisPath, sourcePath, payments) = GenerateIn(directory, "sync", options.SyncBlocks);

        using var source = Blockchain.Open(sourcePath);
        var blocks = new List<byte[]>(options.SyncBlocks);
        for (var height = 1; height <= source.Tip.Height; height++)
            blocks.Add(source.GetBlockBytes(source.GetHashAtHeight(height)!.Value)!);

        // Alternating runs of each, the best kept: a burst of load from elsewhere on the machine hurts neither side more.
        var replay = TimeSpan.MaxValue;
        var sync = TimeSpan.MaxValue;
        for (var run = 0; run < Runs; run++)
        {
            var cpu = ProcessorTime();
            var r = Replay(genesisPath, Path.Combine(directory, $"replay{run}.db"), blocks, source.Tip.Hash);
            var replayCpu = ProcessorTime() - cpu;
            cpu = ProcessorTime();
            var s = SyncOverLoopback(genesisPath, Path.Combine(directory, $"synced{run}.db"), source).GetAwaiter().GetResult();
            var syncCpu = ProcessorTime() - cpu;
            RatioBench.Progress($"sync: run {run + 1}: replay {RatioBench.Duration(r)} (CPU {RatioBench.Duration(replayCpu)}), sync {RatioBench.Duration(s)} (CPU {RatioBench.Duration(syncCpu)}, both nodes)");
            replay = r < replay ? r : replay;
            sync = s < sync ? s : sync;
        }

        var ratio = sync.TotalSeconds / replay.TotalSeconds;
        return $"sync: {blocks.Count:N0} blocks ({payments:N0} signed payments) from 1 peer over loopback {RatioBench.Duration(sync)} ÷ local AddBlock replay {RatioBench.Duration(replay)} = {RatioBench.Ratio(ratio)} (best of {Runs}) — {RatioBench.Verdict("≤ 1.5", ratio <= 1.5)}";
    }

    /// <summary>
    /// The bench chain in <paramref name="directory"/> (genesis.db, and source.db with <paramref name="count"/> blocks
    /// of <see cref="PaymentsPerBlock"/> signed payments; <paramref name="occasional"/> is paid in one block of a hundred).
    /// </summary>
    internal static (string GenesisPath, string SourcePath, int Payments) GenerateIn(string directory, string line, int count, Wallet? occasional = null)
    {
        Directory.CreateDirectory(directory);
        var genesisPath = Path.Combine(directory, "genesis.db");
        var sourcePath = Path.Combine(directory, "source.db");
        RatioBench.Progress($"{line}: generating {count:N0} blocks with {PaymentsPerBlock} signed payments each");
        var generation = Stopwatch.StartNew();
        var payments = Generate(genesisPath, sourcePath, count, occasional);
        RatioBench.Progress($"{line}: generated in {RatioBench.Duration(generation.Elapsed)}");
        return (genesisPath, sourcePath, payments);
    }

    /// <summary>
    /// Creates the chain, keeps a copy of its genesis-only database, and mines <paramref name="count"/> blocks on it;
    /// returns the payments made.
    /// </summary>
    private static int Generate(string genesisPath, string sourcePath, int count, Wallet? occasional)
    {
        var wallets = Enumerable.Range(0, Wallets).Select(_ => Wallet.Generate()).ToArray();
        Blockchain.Create(sourcePath, wallets[0].PubKeyHash, new ChainParameters { TargetBits = TargetBits }, Mine).Dispose();
        File.Copy(sourcePath, genesisPath);

        using var chain = Blockchain.Open(sourcePath, verifier: new SignatureVerifier(Secp256k1.Default, new SignatureCache()));
        var payments = 0;
        var progress = new GenerationProgress("the sync chain (blocks)", count);
        for (var height = 1; height <= count; height++)
        {
            progress.Report(height - 1);
            var txs = new List<Transaction>();
            for (var p = 0; p < PaymentsPerBlock; p++)
            {
                // Distinct payers in one block, so no payment spends an output another one already spends.
                var from = wallets[(height + p) % Wallets];
                var to = wallets[(height + p + 3) % Wallets];
                if (chain.Utxo.GetBalance(from.PubKeyHash) < 3)
                    continue;
                txs.Add(TransactionBuilder.CreatePayment(from, to.PubKeyHash, 1 + ((height + p) % 3), chain.Utxo));
            }

            // A wallet outside the eight, paid in one block of a hundred (the light wallet's, in the spv line).
            if (occasional is not null && height % 100 == 50)
            {
                var payer = wallets[(height + PaymentsPerBlock) % Wallets];
                if (chain.Utxo.GetBalance(payer.PubKeyHash) >= 1)
                    txs.Add(TransactionBuilder.CreatePayment(payer, occasional.PubKeyHash, 1, chain.Utxo));
            }

            payments += txs.Count;
            var block = Mine(chain.BuildCandidate(txs, wallets[height % Wallets].PubKeyHash, 0));
            if (chain.AddBlock(block).Status != BlockAddStatus.Connected)
                throw new InvalidOperationException($"generated block {height} was not connected");
        }

        return payments;
    }

    /// <summary>CPU time of this process so far (all threads: both nodes during a sync).</summary>
    private static TimeSpan ProcessorTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    private static Block Mine(Block candidate) =>
        new Miner(1).Mine(candidate) ?? throw new InvalidOperationException("mining stopped");

    private static TimeSpan Replay(string genesisPath, string path, List<byte[]> blocks, Hash256 expectedTip)
    {
        File.Copy(genesisPath, path);
        using var chain = Blockchain.Open(path, verifier: new SignatureVerifier(Secp256k1.Default, new SignatureCache()));
        var stopwatch = Stopwatch.StartNew();
        foreach (var bytes in blocks)
        {
            if (chain.AddBlock(Block.FromBytes(bytes)).Status != BlockAddStatus.Connected)
                throw new InvalidOperationException("a replayed block was not connected");
        }

        stopwatch.Stop();
        if (chain.Tip.Hash != expectedTip)
            throw new InvalidOperationException("the replay ended on another tip");
        return stopwatch.Elapsed;
    }

    /// <summary>A fresh full node syncing <paramref name="source"/> from one peer: the time, and the bytes it received.</summary>
    internal static async Task<(TimeSpan Time, long Bytes)> SyncWithBytesOverLoopback(string genesisPath, string path, Blockchain source)
    {
        long bytes = 0;
        var time = await SyncOverLoopback(genesisPath, path, source, client => bytes = client.Peers.Sum(p => p.Stats.BytesReceived));
        return (time, bytes);
    }

    private static async Task<TimeSpan> SyncOverLoopback(string genesisPath, string path, Blockchain source, Action<Node>? done = null)
    {
        File.Copy(genesisPath, path);
        var loggers = NullLoggerFactory.Instance;
        var target = source.Tip.Hash;
        await using var server = new Node(source, new NodeConfig { Listen = new PeerAddress("127.0.0.1", 0), Seeds = [] }, loggers);
        server.Start();
        using var chain = Blockchain.Open(path, verifier: new SignatureVerifier(Secp256k1.Default, new SignatureCache()));
        var stopwatch = Stopwatch.StartNew();
        await using (var client = new Node(chain, new NodeConfig { Listen = new PeerAddress("127.0.0.1", 0), Seeds = [server.ListenAddress] }, loggers))
        {
            client.Start();
            while (chain.Tip.Hash != target)
            {
                if (stopwatch.Elapsed > Timeout)
                    throw new TimeoutException($"the node synced {chain.Tip.Height} of {source.Tip.Height} blocks in {Timeout}");
                await Task.Delay(2);
            }

            stopwatch.Stop();
            done?.Invoke(client);
        }

        if (chain.Utxo.ComputeDigest() != source.Utxo.ComputeDigest())
            throw new InvalidOperationException("the synced node's UTXO set differs from its peer's");
        return stopwatch.Elapsed;
    }
}
