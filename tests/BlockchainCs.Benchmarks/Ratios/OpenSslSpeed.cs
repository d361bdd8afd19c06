using System.Diagnostics;
using System.Globalization;

namespace BlockchainCs.Benchmarks.Ratios;

/// <summary>
/// OpenSslSpeed runs <c>openssl speed -bytes 16384 sha256</c> and turns its bytes per second into SHA-256
/// compressions per second (64 bytes each): the raw rate of the machine's best SHA-256 (SHA-NI where present).
/// </summary>
internal static class OpenSslSpeed
{
    /// <summary>
    /// Compressions per second summed over <paramref name="processes"/> openssl processes run at once (one per core),
    /// or null without openssl. Separate processes, not openssl's -multi: here -multi reported well below one process.
    /// </summary>
    public static double? Sha256Compressions(double seconds, int processes)
    {
        var running = new List<(Process Process, Task<string> Output)>();
        try
        {
            for (var i = 0; i < processes; i++)
            {
                var start = new ProcessStartInfo("openssl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
                foreach (var arg in new[] { "speed", "-mr", "-seconds", Math.Max(1, (int)Math.Round(seconds)).ToString(CultureInfo.InvariantCulture), "-bytes", "16384", "sha256" })
                    start.ArgumentList.Add(arg);
                Process? process;
                try
                {
                    process = Process.Start(start);
                }
                catch (System.ComponentModel.Win32Exception)
                {
                    return null;
                }

                if (process is null)
                    return null;
                _ = process.StandardError.ReadToEndAsync();
                running.Add((process, process.StandardOutput.ReadToEndAsync()));
            }

            double total = 0;
            foreach (var (process, output) in running)
            {
                process.WaitForExit();
                total += Parse(output.Result);
            }

            return total / 64;
        }
        finally
        {
            foreach (var (process, _) in running)
                process.Dispose();
        }
    }

    /// <summary>
    /// The bytes per second of the machine-readable result: "+F:6:sha256:1810759680.00".
    /// </summary>
    public static double Parse(string output)
    {
        var line = output.Split('\n', StringSplitOptions.TrimEntries)
            .LastOrDefault(l => l.StartsWith("+F:", StringComparison.Ordinal) && !l.Contains(" from ", StringComparison.Ordinal))
            ?? throw new FormatException($"no result line in openssl's output: {output}");
        var fields = line.Split(':');
        return double.Parse(fields[^1], CultureInfo.InvariantCulture);
    }
}
