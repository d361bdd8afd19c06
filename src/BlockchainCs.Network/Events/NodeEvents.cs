using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace BlockchainCs.Network.Events;

/// <summary>
/// The node's recent events and their live subscribers (the page's server-sent event streams). Publishing never
/// blocks the writer: it appends to a ring of the last <see cref="Keep"/> events and offers the event to each
/// subscriber's bounded queue; a subscriber that falls that far behind is cut off and, as browsers do, reconnects
/// asking for what it missed. Budgets: <see cref="Keep"/> events of at most <see cref="MaxTextLength"/> characters
/// of text, <see cref="MaxSubscribers"/> streams of <see cref="SubscriberQueue"/> events each.
/// </summary>
public sealed class NodeEvents(TimeProvider time)
{
    public const int Keep = 200;
    public const int MaxSubscribers = 8;
    public const int SubscriberQueue = 256;
    public const int MaxTextLength = 200;

    private readonly Lock _gate = new();
    private readonly Queue<NodeEvent> _recent = new();
    private readonly List<Channel<NodeEvent>> _subscribers = [];
    private long _lastId;

    /// <summary>The id of the newest event (0 before any).</summary>
    public long LastId
    {
        get
        {
            lock (_gate)
                return _lastId;
        }
    }

    public void Publish(string kind, string text, JsonObject? detail = null)
    {
        lock (_gate)
        {
            var item = new NodeEvent(++_lastId, time.GetUtcNow(), kind, SafeText.Sanitize(text, MaxTextLength), detail ?? []);
            _recent.Enqueue(item);
            if (_recent.Count > Keep)
                _recent.Dequeue();
            for (var i = _subscribers.Count - 1; i >= 0; i--)
            {
                if (_subscribers[i].Writer.TryWrite(item))
                    continue;
                _subscribers[i].Writer.TryComplete(); // fell behind: it reconnects and catches up from the ring
                _subscribers.RemoveAt(i);
            }
        }
    }

    /// <summary>The kept events after <paramref name="afterId"/>, oldest first.</summary>
    public List<NodeEvent> Since(long afterId)
    {
        lock (_gate)
            return [.. _recent.Where(e => e.Id > afterId)];
    }

    /// <summary>
    /// A live stream starting with the kept events after <paramref name="afterId"/>; null when
    /// <see cref="MaxSubscribers"/> streams are open already. Dispose it to unsubscribe.
    /// </summary>
    public EventSubscription? Subscribe(long afterId)
    {
        lock (_gate)
        {
            if (_subscribers.Count >= MaxSubscribers)
                return null;
            var channel = Channel.CreateBounded<NodeEvent>(new BoundedChannelOptions(SubscriberQueue) { SingleReader = true });
            foreach (var missed in _recent.Where(e => e.Id > afterId).TakeLast(SubscriberQueue))
                channel.Writer.TryWrite(missed);
            _subscribers.Add(channel);
            return new EventSubscription(channel.Reader, () => Unsubscribe(channel));
        }
    }

    public int SubscriberCount
    {
        get
        {
            lock (_gate)
                return _subscribers.Count;
        }
    }

    private void Unsubscribe(Channel<NodeEvent> channel)
    {
        lock (_gate)
            _subscribers.Remove(channel);
        channel.Writer.TryComplete();
    }
}
