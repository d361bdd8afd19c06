using System.Diagnostics;
using BlockchainCs.Core.Chain;
using BlockchainCs.Core.Primitives;
using BlockchainCs.Network;
using BlockchainCs.Network.Spv;
using Microsoft.Extensions.Logging.Abstractions;

namespace BlockchainCs.Benchmarks.Ratios;

/// <summary>
/// spv: a light wallet syncing a generated chain (headers, then every block as a filtered block) from one full node
/// over loopback ÷ a fresh full node syncing the same chain from the same peer. The light wallet is paid in one block of
/// a hundred (as a person's wallet is, on a chain busy with others' payments), so its filter matches real transactions.
/// Bytes received by each are reported.
/// </summary>
internal static class SpvBench
{
    private const int Runs = 3;
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    public static string Run(BenchOptions options, string directory)
    {
        var watched = Core.Wallets.Wallet.Generate();
        var (genesisPath, sourcePath, payments) = SyncBench.GenerateIn(directory, "spv", options.SyncBlocks, watched);
        using var source = Blockchain.Open(sourcePath);
        using var genesisChain = Blockchain.Open(genesisPath, options: StoreOptions.Reading);
        var genesis = genesisChain.GetBlock(genesisChain.GenesisHash)!;

        var full = (Time: TimeSpan.MaxValue, Bytes: 0L);
        var light = (Time: TimeSpan.MaxValue, Bytes: 0L, Found: 0);
        for (var run = 0; run < Runs; run++)
        {
            var f = SyncBench.SyncWithBytesOverLoopback(genesisPath, Path.Combine(directory, $"full{run}.db"), source).GetAwaiter().GetResult();
            var l = LightSync(Path.Combine(directory, $"spv{run}.db"), genesis, source, new SpvWallet([watched])).GetAwaiter().GetResult();
            RatioBench.Progress($"spv: run {run + 1}: full node {RatioBench.Duration(f.Time)} ({f.Bytes:N0} bytes), light wallet {RatioBench.Duration(l.Time)} ({l.Bytes:N0} bytes, {l.Found} wallet transactions)");
            full = f.Time < full.Time ? f : full;
            light = l.Time < light.Time ? l : light;
        }

        var ratio = light.Time.TotalSeconds / full.Time.TotalSeconds;
        return $"spv: {options.SyncBlocks:N0} blocks ({payments:N0} payments) — light wallet (headers + filtered blocks, {light.Found} of its transactions found) " +
            $"{RatioBench.Duration(light.Time)}, {light.Bytes:N0} bytes ÷ full node sync {RatioBench.Duration(full.Time)}, {full.Bytes:N0} bytes = " +
            $"{RatioBench.Ratio(ratio)} in time, {RatioBench.Ratio((double)light.Bytes / full.Bytes)} in bytes (best of {Runs}) — {RatioBench.Verdict("≤ 0.2", ratio <= 0.2)}";
    }

    private static async Task<(TimeSpan Time, long Bytes, int Found)> LightSync(string path, Block genesis, Blockchain source, SpvWallet wallet)
    {
        var loggers = NullLoggerFactory.Instance;
        await using var server = new Node(source, new NodeConfig { Listen = new PeerAddress("127.0.0.1", 0), Seeds = [] }, loggers);
        server.Start();
        using var store = SpvStore.Create(path, genesis, source.Parameters.TargetBits);
        var stopwatch = Stopwatch.StartNew();
        await using var client = new SpvNode(store, wallet, new SpvConfig { Network = new NodeConfig { Listen = new PeerAddress("127.0.0.1", 0), Seeds = [server.ListenAddress] }, Mode = SpvMode.Bloom }, loggers);
        client.Start();
        TimeSpan? headers = null;
        while (client.Headers.Tip.Hash != source.Tip.Hash || !client.IsSynced)
        {
            if (headers is null && client.Headers.Tip.Hash == source.Tip.Hash)
                headers = stopwatch.Elapsed;
            if (stopwatch.Elapsed > Timeout)
                throw new TimeoutException($"the light wallet reached height {client.Headers.Height} of {source.Tip.Height} in {Timeout}");
            await Task.Delay(2);
        }

        stopwatch.Stop();
        RatioBench.Progress($"spv: headers synced after {RatioBench.Duration(headers ?? stopwatch.Elapsed)}, filtered blocks after {RatioBench.Duration(stopwatch.Elapsed)}");
        return (stopwatch.Elapsed, client.BytesDownloaded, client.Transactions().Count);
    }
}
