using System.Diagnostics;
using System.Globalization;

namespace BlockchainCs.Benchmarks.Ratios;

/// <summary>
/// RatioBench runs the measurements of scripts/bench.sh. Every figure is a ratio against a reference measured in the
/// same run, so a busy or slow machine moves both sides alike; each line ends with its target and whether it is met.
/// </summary>
internal static class RatioBench
{
    public static int Run(BenchOptions options)
    {
        var total = Stopwatch.StartNew();
        var work = Directory.CreateTempSubdirectory("blockchain_cs_bench_");
        try
        {
            foreach (var name in BenchOptions.AllMeasurements.Where(options.Only.Contains))
            {
                string line;
                try
                {
                    line = name switch
                    {
                        "mining" => MiningBench.Run(options),
                        "verify" => VerifyBench.Run(),
                        "sync" => SyncBench.Run(options, Path.Combine(work.FullName, "sync")),
                        "spv" => SpvBench.Run(options, Path.Combine(work.FullName, "spv")),
                        "filters" => FilterBench.Run(options, Path.Combine(work.FullName, "filters")),
                        "mempool" => MempoolBench.Run(Path.Combine(work.FullName, "mempool")),
                        "getbalance" => BalanceBench.Run(options, Path.Combine(work.FullName, "balance")),
                        "startup" => StartupBench.Run(options, Path.Combine(work.FullName, "startup")),
                        _ => throw new InvalidOperationException(name),
                    };
                }
                catch (Exception e)
                {
                    line = $"{name}: failed ({e.GetType().Name}: {e.Message}) — target: NOT met";
                }

                Console.WriteLine(line);
            }
        }
        finally
        {
            try
            {
                work.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A node still closing a file: the temp directory is left behind.
            }
        }

        Console.Error.WriteLine($"(bench: {total.Elapsed.TotalSeconds:F0} s on {Environment.ProcessorCount} cores)");
        return 0;
    }

    public static string Verdict(string target, bool met) => $"target {target}: {(met ? "met" : "NOT met")}";

    /// <summary>A rate with an SI prefix: "21.3 M nonces/s", "41.2 k/s".</summary>
    public static string Rate(double perSecond, string unit = "/s") => perSecond switch
    {
        >= 1e6 => (perSecond / 1e6).ToString("F1", CultureInfo.InvariantCulture) + " M" + unit,
        >= 1e3 => (perSecond / 1e3).ToString("F1", CultureInfo.InvariantCulture) + " k" + unit,
        _ => perSecond.ToString("F0", CultureInfo.InvariantCulture) + " " + unit,
    };

    /// <summary>A duration in the unit that suits it.</summary>
    public static string Duration(TimeSpan time) => time.TotalSeconds switch
    {
        >= 1 => time.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture) + " s",
        >= 1e-3 => time.TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture) + " ms",
        _ => (time.TotalMilliseconds * 1000).ToString("F1", CultureInfo.InvariantCulture) + " µs",
    };

    public static string Ratio(double value) => value.ToString("F2", CultureInfo.InvariantCulture);

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
            throw new ArgumentException("no values", nameof(values));
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    public static void Progress(string message) => Console.Error.WriteLine($"  [{DateTime.Now:HH:mm:ss}] {message}");
}
