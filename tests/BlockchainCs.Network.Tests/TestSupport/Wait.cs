using System.Diagnostics;

namespace BlockchainCs.Network.Tests.TestSupport;

/// <summary>Bounded polling: the only way these tests wait for the network (never a bare sleep).</summary>
public static class Wait
{
    /// <summary>The default bound for one condition; a hang fails the test instead of blocking it.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>Polls <paramref name="condition"/> every 20 ms and fails the test when it is still false after <paramref name="timeout"/>.</summary>
    public static async Task UntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout)
                Assert.Fail($"Timed out after {timeout.TotalSeconds:0.#} s waiting for {what}");
            await Task.Delay(PollInterval);
        }
    }

    public static Task UntilAsync(Func<bool> condition, string what) => UntilAsync(condition, Timeout, what);

    /// <summary>
    /// Checks that <paramref name="condition"/> stays true for the whole of <paramref name="period"/> (used to show that
    /// something does NOT happen, e.g. a peer is not dropped).
    /// </summary>
    public static async Task StaysTrueAsync(Func<bool> condition, TimeSpan period, string what)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < period)
        {
            Assert.True(condition(), what);
            await Task.Delay(PollInterval);
        }
    }
}
