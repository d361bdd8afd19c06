namespace BlockchainCs.Benchmarks.Ratios;

/// <summary>
/// mining: the miner's nonces per second (one SHA-256 compression each, thanks to the midstate) ÷ openssl's raw
/// SHA-256 compressions per second, on one core and on all cores. Each side runs twice, alternating, and keeps its
/// best run, so a burst of load from elsewhere on the machine hurts neither side more than the other.
/// </summary>
internal static class MiningBench
{
    public static string Run(BenchOptions options)
    {
        var cores = Environment.ProcessorCount;
        var seconds = options.MiningSeconds;
        RatioBench.Progress("mining: openssl speed sha256 vs Miner, 1 core and all cores");
        double? sslOne = null, sslAll = null;
        double oneCore = 0, allCores = 0;
        for (var round = 0; round < 2; round++)
        {
            sslOne = Max(sslOne, OpenSslSpeed.Sha256Compressions(seconds, 1));
            oneCore = Math.Max(oneCore, MiningRate.Measure(TimeSpan.FromSeconds(seconds), 1));
            if (cores > 1)
            {
                sslAll = Max(sslAll, OpenSslSpeed.Sha256Compressions(seconds, cores));
                allCores = Math.Max(allCores, MiningRate.Measure(TimeSpan.FromSeconds(seconds), cores));
            }
        }

        var isa = new BlockchainCs.Core.Mining.Miner(1).InstructionSet;
        if (sslOne is not { } one)
            return $"mining: {RatioBench.Rate(oneCore, " nonces/s")} per core ({isa}); openssl not found, reference unavailable — {RatioBench.Verdict("≥ 0.8 per core", false)}";
        var perCore = oneCore / one;
        var line = $"mining ({isa}): 1 core {RatioBench.Rate(oneCore, " nonces/s")} ÷ openssl sha256 {RatioBench.Rate(one, " compressions/s")} = {RatioBench.Ratio(perCore)}";
        if (sslAll is { } all)
            line += $"; {cores} cores {RatioBench.Rate(allCores)} ÷ {cores} × openssl {RatioBench.Rate(all)} = {RatioBench.Ratio(allCores / all)}";
        return $"{line} — {RatioBench.Verdict("≥ 0.8 per core", perCore >= 0.8)}";
    }

    private static double? Max(double? a, double? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);
}
