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
        var bloom = (Time: TimeSpan.MaxValue, Bytes: 0L, Found: 0);
        var filters = (Time: TimeSpan.MaxValue, Bytes: 0L, Found: 0);
        for (var run = 0; run < Runs; run++)
        {
            var f = SyncBench.SyncWithBytesOverLoopback(genesisPath, Path.Combine(directory, $"full{run}.db"), source).GetAwaiter().GetResult();
            var b = LightSync(Path.Combine(directory, $"bloom{run}.db"), genesis, source, new SpvWallet([watched]), SpvMode.Bloom).GetAwaiter().GetResult();
            var c = LightSync(Path.Combine(directory, $"filters{run}.db"), genesis, source, new SpvWallet([watched]), SpvMode.Filters).GetAwaiter().GetResult();
            RatioBench.Progress($"spv: run {run + 1}: full node {RatioBench.Duration(f.Time)} ({f.Bytes:N0} bytes), bloom light wallet {RatioBench.Duration(b.Time)} " +
                $"({b.Bytes:N0} bytes, {b.Found} found), compact-filter light wallet {RatioBench.Duration(c.Time)} ({c.Bytes:N0} bytes, {c.Found} found)");
            full = f.Time < full.Time ? f : full;
            bloom = b.Time < bloom.Time ? b : bloom;
            filters = c.Time < filters.Time ? c : filters;
        }

        var ratio = bloom.Time.TotalSeconds / full.Time.TotalSeconds;
        return $"spv: {options.SyncBlocks:N0} blocks ({payments:N0} payments), light wallet paid in {bloom.Found} — bloom (BIP 37) {RatioBench.Duration(bloom.Time)}, {bloom.Bytes:N0} bytes; " +
            $"compact filters (BIP 157/158, 2 peers) {RatioBench.Duration(filters.Time)}, {filters.Bytes:N0} bytes; full node {RatioBench.Duration(full.Time)}, {full.Bytes:N0} bytes. " +
            $"Bloom ÷ full = {RatioBench.Ratio(ratio)} in time, {RatioBench.Ratio((double)bloom.Bytes / full.Bytes)} in bytes; filters ÷ full = " +
            $"{RatioBench.Ratio(filters.Time.TotalSeconds / full.Time.TotalSeconds)} in time, {RatioBench.Ratio((double)filters.Bytes / full.Bytes)} in bytes (best of {Runs}) — {RatioBench.Verdict("bloom ≤ 0.2", ratio <= 0.2)}";
    }

    /// <summary>A light wallet syncing from full nodes serving <paramref name="source"/> (two for compact filters, which compares their filter headers).</summary>
    private static async Task<(TimeSpan Time, long Bytes, int Found)> LightSync(string path, Block genesis, Blockchain source, SpvWallet wallet, SpvMode mode)
    {
        var loggers = NullLoggerFactory.Instance;
        await using var server = new Node(source, new NodeConfig { Listen = new PeerAddress("127.0.0.1", 0), Seeds = [] }, loggers);
        server.Start();
        await using var second = new Node(source, new NodeConfig { Listen = new PeerAddress("127.0.0.1", 0), Seeds = [] }, loggers);
        second.Start();
        PeerAddress[] seeds = mode == SpvMode.Filters ? [server.ListenAddress, second.ListenAddress] : [server.ListenAddress];
        using var store = SpvStore.Create(path, genesis, source.Parameters.TargetBits);
        var stopwatch = Stopwatch.StartNew();
        await using var client = new SpvNode(store, wallet, new SpvConfig { Network = new NodeConfig { Listen = new PeerAddress("127.0.0.1", 0), Seeds = seeds }, Mode = mode }, loggers);
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
