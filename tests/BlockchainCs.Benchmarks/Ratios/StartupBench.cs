using System.Diagnostics;
using BlockchainCs.Core.Crypto;

namespace BlockchainCs.Benchmarks.Ratios;

/// <summary>
/// startup: the wall time of the published <c>bin/blockchain_cs getbalance</c> on a small chain (median of 10 runs),
/// beside the start of a trivial .NET process (this program with <c>noop</c>). Reported, no target.
/// </summary>
internal static class StartupBench
{
    private const int Runs = 10;

    public static string Run(BenchOptions options, string directory)
    {
        if (options.Cli is not { } cli || !File.Exists(cli))
            return "startup: no published CLI given (--cli bin/blockchain_cs) — target none: report only";
        Directory.CreateDirectory(directory);
        RatioBench.Progress($"startup: {Runs} runs of {cli} getbalance and of a trivial .NET process");
        var owner = new byte[20];
        new Random(5).NextBytes(owner);
        BalanceBench.CreateChain(Path.Combine(directory, "blockchain_small.db"), 100, owner);
        var address = Address.FromPubKeyHash(owner);

        var cliTimes = new List<double>();
        var trivialTimes = new List<double>();
        for (var run = -1; run < Runs; run++)
        {
            var c = BalanceBench.CliTime(cli, directory, "small", address);
            var t = TrivialProcess();
            if (run < 0)
                continue;
            cliTimes.Add(c);
            trivialTimes.Add(t);
        }

        var cliTime = RatioBench.Median(cliTimes);
        var trivial = RatioBench.Median(trivialTimes);
        return $"startup: bin/blockchain_cs getbalance {RatioBench.Duration(TimeSpan.FromSeconds(cliTime))} (median of {Runs}) ÷ trivial .NET process {RatioBench.Duration(TimeSpan.FromSeconds(trivial))} = {RatioBench.Ratio(cliTime / trivial)} — target none: report only";
    }

    /// <summary>Wall seconds of this program started with <c>noop</c> (apphost, or dotnet + this assembly).</summary>
    private static double TrivialProcess()
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        var start = new ProcessStartInfo(host) { UseShellExecute = false, RedirectStandardOutput = true };
        if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
            start.ArgumentList.Add(typeof(StartupBench).Assembly.Location);
        start.ArgumentList.Add("noop");
        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {host}");
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        stopwatch.Stop();
        if (process.ExitCode != 0)
            throw new InvalidOperationException("the trivial process failed");
        return stopwatch.Elapsed.TotalSeconds;
    }
}
