using BlockchainCs.Network.Events;
using BlockchainCs.Network.Tests.TestSupport;

namespace BlockchainCs.Network.Tests.Events;

/// <summary>The event feed's budgets: a ring of the last events, bounded subscribers, and a slow one cut off without blocking the writer.</summary>
public sealed class NodeEventsTests
{
    private readonly NodeEvents _events = new(new ShiftedTimeProvider());

    [Fact]
    public void Ring_KeepsTheLastEvents_IdsGrowByOne_TextIsBoundedAndSanitized()
    {
        for (var i = 0; i < NodeEvents.Keep + 50; i++)
            _events.Publish(NodeEventKind.Transaction, $"event {i}");
        _events.Publish(NodeEventKind.PeerConnected, "peer \u001b[31m" + new string('x', 1000));

        var kept = _events.Since(0);
        Assert.Equal(NodeEvents.Keep, kept.Count);
        Assert.Equal(Enumerable.Range(52, NodeEvents.Keep).Select(i => (long)i), kept.Select(e => e.Id));
        Assert.Equal(NodeEvents.MaxTextLength + 1, kept[^1].Text.Length); // cut, with an ellipsis
        Assert.EndsWith("…", kept[^1].Text, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', kept[^1].Text);
        Assert.Equal([kept[^1]], _events.Since(_events.LastId - 1));
    }

    [Fact]
    public async Task Subscribers_ReplayMissed_AtMostEight_SlowOneIsCutOffNotWaitedFor()
    {
        _events.Publish(NodeEventKind.Block, "before");
        using var live = _events.Subscribe(afterId: 0)!;
        Assert.Equal("before", (await live.Reader.ReadAsync()).Text);

        var others = Enumerable.Range(1, NodeEvents.MaxSubscribers - 1).Select(_ => _events.Subscribe(_events.LastId)!).ToList();
        Assert.Null(_events.Subscribe(0));
        others.ForEach(o => o.Dispose());
        Assert.Equal(1, _events.SubscriberCount);

        // Nobody reads "live": publishing never blocks; past its queue it is completed (it reconnects and catches up).
        for (var i = 0; i < NodeEvents.SubscriberQueue + 1; i++)
            _events.Publish(NodeEventKind.Transaction, $"tx {i}");
        Assert.Equal(0, _events.SubscriberCount);
        var received = 0;
        await foreach (var _ in live.Reader.ReadAllAsync())
            received++;
        Assert.Equal(NodeEvents.SubscriberQueue, received);
    }
}
