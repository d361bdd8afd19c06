using System.Globalization;
using BlockchainCs.Core.Chain;
using BlockchainCs.Core.Filters;

namespace BlockchainCs.Benchmarks.Ratios;

/// <summary>
/// filters: the BIP 158 filters the chain keeps for the generated chain — bytes per block against the block's bytes —
/// and the false-positive rate measured with 10 million random 20-byte queries (5,000 against each block's filter)
/// against BIP 158's 1/M.
/// </summary>
internal static class FilterBench
{
    private const int QueriesPerBlock = 5_000;

    public static string Run(BenchOptions options, string directory)
    {
        var (_, sourcePath, _) = SyncBench.GenerateIn(directory, "filters", options.SyncBlocks);
        using var chain = Blockchain.Open(sourcePath, options: StoreOptions.Reading);
        var random = new Random(158);
        long filterBytes = 0, blockBytes = 0, queries = 0, falsePositives = 0;
        for (var height = 1; height <= chain.Tip.Height; height++)
        {
            var hash = chain.GetHashAtHeight(height)!.Value;
            var (filter, _) = chain.GetFilter(hash)!.Value;
            filterBytes += filter.Length;
            blockBytes += chain.GetBlockBytes(hash)!.Length;
            var probes = Enumerable.Range(0, QueriesPerBlock).Select(_ =>
            {
                var item = new byte[20];
                random.NextBytes(item);
                return item;
            }).ToList();
            falsePositives += GolombCodedSet.CountMatches(BlockFilter.Key(hash), filter, probes);
            queries += probes.Count;
        }

        var blocks = chain.Tip.Height;
        var rate = (double)falsePositives / queries;
        var ratio = rate * GolombCodedSet.M;
        return $"filters: {blocks:N0} blocks — {(double)filterBytes / blocks:F1} filter bytes per block ({(double)filterBytes / blockBytes:P1} of the blocks' bytes); " +
            $"false positives {falsePositives:N0} of {queries:N0} random queries = {rate.ToString("E2", CultureInfo.InvariantCulture)} ÷ 1/M = {RatioBench.Ratio(ratio)} — " +
            RatioBench.Verdict("within 0.5–2 of 1/M", ratio is >= 0.5 and <= 2);
    }
}
