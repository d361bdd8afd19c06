namespace BlockchainCs.Network.Tests.P2P;

/// <summary>Waits for a condition by polling it until a deadline (never a bare sleep as synchronisation).</summary>
internal static class Poll
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    public static async Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"timed out waiting until {what}");
            await Task.Delay(20);
        }
    }

    /// <summary>Checks that <paramref name="invariant"/> holds at every poll during <paramref name="window"/> (for "never more than" checks).</summary>
    public static async Task HoldsAsync(Func<bool> invariant, string what, TimeSpan window)
    {
        var end = DateTime.UtcNow + window;
        while (DateTime.UtcNow < end)
        {
            Assert.True(invariant(), what);
            await Task.Delay(20);
        }
    }
}
