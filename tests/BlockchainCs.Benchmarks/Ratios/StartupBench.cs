using System.Diagnostics;
using BlockchainCs.Core.Crypto;

namespace BlockchainCs.Benchmarks.Ratios;

/// <summary>
/// startup: the wall time of the published <c>bin/blockchain_cs getbalance</c> on a small chain ÷ Debian's <c>sqlite3</c>
/// command answering the same balance query on the same file (the physical limit: a native program that opens the
/// database and sums the same index). Medians of interleaved runs, so a noisy machine moves both alike.
/// </summary>
internal static class StartupBench
{
    private const int Runs = 15;

    public static string Run(BenchOptions options, string directory)
    {
        if (options.Cli is not { } cli || !File.Exists(cli))
            return "startup: no published CLI given (--cli bin/blockchain_cs) — target ≤ 4: not measured";
        var sqlite = FindOnPath("sqlite3");
        Directory.CreateDirectory(directory);
        RatioBench.Progress($"startup: {Runs} runs each of {cli} getbalance and of sqlite3 with the same query");
        var owner = new byte[20];
        new Random(5).NextBytes(owner);
        var database = Path.Combine(directory, "blockchain_small.db");
        BalanceBench.CreateChain(database, 100, owner);
        var address = Address.FromPubKeyHash(owner);
        var query = $"SELECT COALESCE(SUM(value), 0) FROM utxo WHERE pubkeyhash = x'{Convert.ToHexStringLower(owner)}'";

        var cliTimes = new List<double>();
        var sqliteTimes = new List<double>();
        for (var run = -2; run < Runs; run++)
        {
            var c = BalanceBench.CliTime(cli, directory, "small", address);
            var s = sqlite is null ? 0 : ProcessTime(sqlite, directory, database, query);
            if (run < 0)
                continue;
            cliTimes.Add(c);
            sqliteTimes.Add(s);
        }

        var cliTime = RatioBench.Median(cliTimes);
        var build = File.Exists(Path.Combine(Path.GetDirectoryName(cli)!, "blockchain_cs.dll")) ? "ReadyToRun" : "Native AOT";
        var cliPart = $"startup: bin/blockchain_cs ({build}) getbalance {RatioBench.Duration(TimeSpan.FromSeconds(cliTime))} (median of {Runs})";
        if (sqlite is null)
            return $"{cliPart}; Debian's sqlite3 is not installed (apt-get install sqlite3), no reference — target ≤ 4: not measured";
        var reference = RatioBench.Median(sqliteTimes);
        var ratio = cliTime / reference;
        return $"{cliPart} ÷ sqlite3 answering the same query {RatioBench.Duration(TimeSpan.FromSeconds(reference))} = {RatioBench.Ratio(ratio)} — {RatioBench.Verdict("≤ 4", ratio <= 4)}";
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);

    /// <summary>Wall seconds of one process run to its end.</summary>
    private static double ProcessTime(string program, string directory, params string[] args)
    {
        var start = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, WorkingDirectory = directory };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {program}");
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        stopwatch.Stop();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} failed");
        return stopwatch.Elapsed.TotalSeconds;
    }
}
