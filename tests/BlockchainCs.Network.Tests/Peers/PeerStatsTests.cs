namespace BlockchainCs.Network.Tests.Peers;

/// <summary>A flooding peer cannot fill the log: at most 10 of its messages a second are told at the default level.</summary>
public sealed class PeerStatsTests
{
    [Fact]
    public void TryTell_ElevenMessagesInOneSecond_TellsTen_ThenTellsAgainTheNextSecond()
    {
        var start = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
        var stats = new PeerStats(start);

        var told = Enumerable.Range(0, 11).Select(i => stats.TryTell(start.AddMilliseconds(i * 50))).ToList();

        Assert.Equal(PeerStats.MaxToldPerSecond, told.Count(t => t));
        Assert.False(told[^1]);
        Assert.True(stats.TryTell(start.AddSeconds(1)));
    }
}
