using System.Threading.Channels;

namespace BlockchainCs.Network.Events;

/// <summary>One live subscriber's queue of <see cref="NodeEvent"/>s; disposing it unsubscribes.</summary>
public sealed class EventSubscription(ChannelReader<NodeEvent> reader, Action unsubscribe) : IDisposable
{
    public ChannelReader<NodeEvent> Reader => reader;

    public void Dispose() => unsubscribe();
}
