using System.Net.Sockets;
using System.Threading.Channels;
using BlockchainCs.Core.Primitives;
using BlockchainCs.Network.Protocol;
using BlockchainCs.Network.Protocol.Payloads;
using Microsoft.Extensions.Logging;

namespace BlockchainCs.Network;

/// <summary>
/// Peer is one persistent TCP connection (btcd's peer): a read loop that decodes messages and hands them, in order,
/// to the node, and a write loop fed by a bounded queue so a slow peer never blocks the node. Any failure ends this
/// connection only.
/// </summary>
public sealed class Peer
{
    private const int MaxQueuedMessages = 20_000;
    private const int MaxKnownInventory = 50_000;
    private static readonly TimeSpan FlushTimeout = TimeSpan.FromMilliseconds(500);

    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly IPeerHandler _handler;
    private readonly NetworkMagic _magic;
    private readonly ILogger _log;
    private readonly Channel<byte[]> _outbox = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(MaxQueuedMessages) { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly HashSet<Hash256> _knownInventory = [];
    private string? _disconnectReason;

    public Peer(Socket socket, bool inbound, PeerAddress remote, IPeerHandler handler, NetworkMagic magic, ILogger log)
    {
        _socket = socket;
        _socket.NoDelay = true;
        _stream = new NetworkStream(socket, ownsSocket: true);
        Inbound = inbound;
        Remote = remote;
        _handler = handler;
        _magic = magic;
        _log = log;
    }

    public bool Inbound { get; }

    /// <summary>The address we dialled (outbound) or the remote end point (inbound).</summary>
    public PeerAddress Remote { get; }

    /// <summary>The peer's version message, once received.</summary>
    public VersionPayload? Version { get; set; }

    /// <summary>True once both version messages were exchanged and our verack was received.</summary>
    public bool HandshakeComplete { get; set; }

    public bool VersionSent { get; set; }

    /// <summary>The best height the peer announced, raised as it announces blocks.</summary>
    public int BestHeight { get; set; }

    /// <summary>The nonce of our last unanswered ping, and when it went out.</summary>
    public ulong? PendingPing { get; set; }

    public DateTimeOffset PingSentAt { get; set; }

    public DateTimeOffset LastMessageAt { get; set; }

    public DateTimeOffset ConnectedAt { get; init; }

    /// <summary>Rate limit of addr processing (an addr flood is ignored beyond it).</summary>
    public DateTimeOffset AddrWindowStart { get; set; }

    public int AddrReceivedInWindow { get; set; }

    /// <summary>When an orphan block from this peer last made us ask it for the missing ancestors.</summary>
    public DateTimeOffset LastOrphanRequestAt { get; set; }

    /// <summary>The nonce of the version we sent on this connection (outbound ones get their own, to detect dialling ourselves).</summary>
    public ulong LocalNonce { get; set; }

    /// <summary>getaddr is answered once per connection.</summary>
    public bool AnsweredGetAddr { get; set; }

    /// <summary>Where the peer says it listens, when it listens at all.</summary>
    public PeerAddress? ListenAddress =>
        Version is { ListenAddress.Port: > 0 } v ? new PeerAddress(v.ListenAddress.Host, v.ListenAddress.Port) : null;

    public bool IsConnected => _disconnectReason is null;

    public override string ToString() => $"{Remote}{(Inbound ? " (in)" : "")}";

    /// <summary>Records that the peer has an item (it announced or sent it, or we announced it).</summary>
    public bool AddKnownInventory(Hash256 hash)
    {
        lock (_knownInventory)
        {
            if (_knownInventory.Count >= MaxKnownInventory)
                _knownInventory.Clear();
            return _knownInventory.Add(hash);
        }
    }

    public bool KnowsInventory(Hash256 hash)
    {
        lock (_knownInventory)
            return _knownInventory.Contains(hash);
    }

    public void Send(IPayload payload) => SendRaw(payload.Command, PayloadCodec.Encode(payload));

    /// <summary>Queues an already-serialized payload (a stored block is sent as stored, without decoding it).</summary>
    public void SendRaw(string command, ReadOnlySpan<byte> payload)
    {
        if (!IsConnected)
            return;
        if (!_outbox.Writer.TryWrite(MessageFraming.Encode(_magic, command, payload)))
            Disconnect("its send queue is full (it reads too slowly)");
    }

    public void Disconnect(string reason)
    {
        if (Interlocked.CompareExchange(ref _disconnectReason, reason, null) is not null)
            return;
        _outbox.Writer.TryComplete();
        _stop.Cancel();
    }

    /// <summary>Runs the connection until it closes; never throws.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
        var writer = WriteLoopAsync();
        try
        {
            while (!linked.IsCancellationRequested)
            {
                var message = await MessageFraming.ReadAsync(_stream, _magic, MessageFraming.MaxPayloadSize, linked.Token);
                if (message is null)
                {
                    Disconnect("it closed the connection");
                    break;
                }

                var payload = PayloadCodec.Decode(message);
                if (payload is null)
                {
                    _handler.OnUnknownCommand(this, message.Command);
                    continue;
                }

                await _handler.HandleAsync(this, payload, linked.Token);
            }
        }
        catch (ProtocolException e)
        {
            _handler.OnMisbehaving(this, e.Message);
            Disconnect($"protocol violation: {e.Message}");
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            Disconnect(cancellationToken.IsCancellationRequested ? "the node is shutting down" : "the connection failed");
        }
        catch (Exception e)
        {
            _log.LogError(e, "Unexpected error handling peer {Peer}", this);
            Disconnect($"internal error: {e.Message}");
        }
        finally
        {
            Disconnect("the connection ended");
            // Deliver what is still queued (e.g. a reject before a disconnect), briefly: a peer that does not read is cut off.
            try
            {
                await writer.WaitAsync(FlushTimeout, CancellationToken.None);
            }
            catch (TimeoutException)
            {
                // Closing the stream below ends the blocked write.
            }

            _stream.Dispose();
            await writer;
            _handler.OnDisconnected(this, _disconnectReason ?? "unknown");
        }
    }

    private async Task WriteLoopAsync()
    {
        try
        {
            // Not cancelled by Disconnect: cancelling could drop (or cut in half) the message being written, such as the
            // reject that explains the disconnect. Disconnect completes the outbox instead, so this loop ends once
            // everything queued before it has been sent; RunAsync closes the stream if that takes too long.
            await foreach (var bytes in _outbox.Reader.ReadAllAsync(CancellationToken.None))
                await _stream.WriteAsync(bytes, CancellationToken.None);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            Disconnect("sending failed");
        }
    }
}
