using System.Diagnostics;

namespace BlockchainCs.Benchmarks.Ratios;

/// <summary>
/// Progress while a benchmark generates its test chain (a person waits, up to a minute): one line on standard error at
/// most every 2 s, and none when the work takes less, so the figures on standard output stay five lines.
/// </summary>
public sealed class GenerationProgress(string what, long total)
{
    private static readonly TimeSpan s_every = TimeSpan.FromSeconds(2);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _next = s_every;

    public void Report(long done)
    {
        if (_clock.Elapsed < _next)
            return;
        _next = _clock.Elapsed + s_every;
        var rate = done / Math.Max(0.001, _clock.Elapsed.TotalSeconds);
        Console.Error.WriteLine($"  generating {what}: {done:N0} / {total:N0} ({100.0 * done / Math.Max(1, total):0}%), about {(total - done) / Math.Max(1, rate):0} s left");
    }
}
