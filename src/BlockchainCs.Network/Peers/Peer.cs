using System.Buffers;
using System.Net;
using System.Net.Sockets;
using BlockchainCs.Core.Filters;
using BlockchainCs.Network.Protocol;
using BlockchainCs.Network.Protocol.Payloads;

namespace BlockchainCs.Network;

/// <summary>
/// Peer is one TCP connection (btcd's peer): the handshake, then a read loop that decodes messages into buffers that
/// grow only as bytes arrive and hands them, in order, to the node; and a <see cref="PeerSendQueue"/> bounded in bytes
/// that answers getdata lazily. Any failure ends this connection only. Its counters feed eviction and getpeerinfo.
/// </summary>
public sealed class Peer
{
    // One pool for every connection's message buffers; it keeps a few buffers per size, up to a block's size.
    private static readonly ArrayPool<byte> s_buffers = ArrayPool<byte>.Create(4 * 1024 * 1024, 8);
    private static long s_nextId;

    private readonly NetworkStream _stream;
    private readonly IPeerHandler _handler;
    private readonly PeerLimits _limits;
    private readonly PeerSendQueue _send;
    private readonly CancellationTokenSource _stop = new();
    private string? _closeReason;
    private VersionPayload? _version;
    private BloomFilter? _filter;
    private bool _relayAfterFilter;
    private long _feeFilter;

    public Peer(Socket socket, bool inbound, PeerAddress remote, IPeerHandler handler, PeerLimits limits)
    {
        socket.NoDelay = true;
        _stream = new NetworkStream(socket, ownsSocket: true);
        RemoteIp = socket.RemoteEndPoint is IPEndPoint endPoint ? Normalize(endPoint.Address) : IPAddress.None;
        Inbound = inbound;
        Remote = remote;
        _handler = handler;
        _limits = limits;
        _send = new PeerSendQueue(limits, handler.Time);
        ConnectedAt = handler.Time.GetUtcNow();
        Stats = new PeerStats(ConnectedAt);
    }

    /// <summary>A number for this connection, unique in the process (getpeerinfo, disconnectnode).</summary>
    public long Id { get; } = Interlocked.Increment(ref s_nextId);

    public bool Inbound { get; }

    /// <summary>The address we dialled (outbound) or the socket's remote end point (inbound).</summary>
    public PeerAddress Remote { get; }

    /// <summary>The IP the connection really comes from: what bans and network groups are keyed on.</summary>
    public IPAddress RemoteIp { get; }

    public DateTimeOffset ConnectedAt { get; }

    /// <summary>The nonce of our version on this connection (outbound ones get their own, to detect dialling ourselves).</summary>
    public ulong LocalNonce { get; init; }

    /// <summary>The peer's version once the handshake is done.</summary>
    public VersionPayload? Version => _version;

    public bool IsReady => _version is not null && _closeReason is null;

    public bool IsClosed => _closeReason is not null;

    public string? CloseReason => _closeReason;

    public ServiceFlags Services => (ServiceFlags)(_version?.Services ?? 0);

    /// <summary>Where the peer says it listens (display and discovery only: never trusted for bans).</summary>
    public PeerAddress? ListenAddress =>
        _version is { ListenAddress.Port: > 0 } v ? new PeerAddress(v.ListenAddress.Host, v.ListenAddress.Port) : null;

    public string UserAgent => SafeText.Sanitize(_version?.UserAgent);

    /// <summary>Counters: heights, bytes, pings, ban score, when it was last useful.</summary>
    public PeerStats Stats { get; }

    public KnownInventory Known { get; } = new();

    /// <summary>
    /// Whether the peer wants transaction announcements: its version's relay flag (BIP 37), until it loads or clears a
    /// filter, which turns them on.
    /// </summary>
    public bool RelayTransactions
    {
        get => Volatile.Read(ref _relayAfterFilter) || (_version?.Relay ?? true);
        set => Volatile.Write(ref _relayAfterFilter, value);
    }

    /// <summary>The BIP 37 filter the peer loaded (filterload), null without one: what it hears of and gets in merkleblocks.</summary>
    public BloomFilter? Filter
    {
        get => Volatile.Read(ref _filter);
        set => Volatile.Write(ref _filter, value);
    }

    /// <summary>
    /// The lowest fee rate (coins per kB) the peer wants to hear of (its BIP 133 feefilter): cheaper transactions are not
    /// announced to it. 0 until it sends one.
    /// </summary>
    public long FeeFilter
    {
        get => Volatile.Read(ref _feeFilter);
        set => Volatile.Write(ref _feeFilter, value);
    }

    /// <summary>The fee rate this node last told the peer in a feefilter (0: none sent).</summary>
    public long FeeFilterSent { get; set; }

    /// <summary>Hashes of the alerts this peer has, or was sent: each alert goes to each peer once.</summary>
    public KnownInventory KnownAlerts { get; } = new(64);

    public long QueuedSendBytes => _send.QueuedBytes;

    /// <summary>How the peer is named in logs: the listen address it announced once known (display only), else its end point.</summary>
    public override string ToString() => $"{ListenAddress?.ToString() ?? Remote.ToString()}{(Inbound ? " (in)" : "")}";

    public void Send(IPayload payload) => SendRaw(payload.Command, PayloadCodec.Encode(payload));

    /// <summary>Queues an already-serialized payload; a peer whose queue is full does not read and is disconnected.</summary>
    public void SendRaw(string command, ReadOnlySpan<byte> payload)
    {
        if (IsClosed)
            return;
        if (!_send.TryEnqueue(MessageFraming.Encode(_handler.Local.Magic, command, payload)))
            Close($"its send queue is over {_limits.MaxSendQueueBytes / (1024 * 1024)} MiB: it does not read what we send");
    }

    /// <summary>Queues getdata items, answered lazily through <see cref="IPeerHandler.Respond"/>; false when too many wait.</summary>
    public bool Request(IReadOnlyList<InventoryVector> items) => _send.TryRequest(items);

    /// <summary>Sends a ping unless one is unanswered; true when sent.</summary>
    public bool Ping(ulong nonce)
    {
        if (!Stats.StartPing(nonce, _handler.Time.GetUtcNow()))
            return false;
        Send(new PingPayload(nonce));
        return true;
    }

    /// <summary>How long the current write has been stuck (the peer does not read what we send).</summary>
    public TimeSpan SendStalledFor(DateTimeOffset now) => _send.WritingFor(now);

    /// <summary>Closes the connection; the first reason given is kept. Queued messages still go out (briefly).</summary>
    public void Close(string reason)
    {
        if (Interlocked.CompareExchange(ref _closeReason, reason, null) is not null)
            return;
        _send.Close();
        _stop.Cancel();
    }

    /// <summary>Runs the connection until it closes; never throws.</summary>
    public async Task RunAsync(CancellationToken nodeStopping)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(nodeStopping, _stop.Token);
        var writer = _send.RunAsync(_stream, _handler.Local.Magic, (item, responses) => _handler.Respond(this, item, responses),
            Stats.Sent);
        try
        {
            await HandshakeAsync(linked.Token);
            if (IsReady)
                await ReadLoopAsync(linked.Token);
        }
        catch (HandshakeException e)
        {
            if (e.Misbehaved)
                _handler.OnMisbehaving(this, Offence.ProtocolViolation, e.Message);
            Close(e.Message);
        }
        catch (ProtocolException e)
        {
            _handler.OnMisbehaving(this, Offence.MalformedMessage, e.Message);
            Close($"protocol violation: {e.Message}");
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            Close(nodeStopping.IsCancellationRequested ? "the node is shutting down" : "the connection failed");
        }
        catch (Exception e)
        {
            _handler.OnError(this, e);
            Close($"internal error: {e.Message}");
        }
        finally
        {
            Close("the connection ended");
            await FinishAsync(writer);
        }
    }

    private async Task HandshakeAsync(CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_limits.HandshakeTimeout);
        var channel = new HandshakeChannel(ReceiveAsync, payload =>
        {
            Send(payload);
            return ValueTask.CompletedTask;
        });
        try
        {
            _version = await Handshake.RunAsync(channel, _handler.Local, !Inbound, LocalNonce, _handler.Time.GetUtcNow().ToUnixTimeSeconds(),
                version => _handler.AcceptVersion(this, version), deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Close($"no handshake within {_limits.HandshakeTimeout.TotalSeconds:0} s");
            return;
        }

        Stats.RaiseBestHeight(_version.BestHeight);
        _handler.OnReady(this);
    }

    private async Task ReadLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var (payload, size) = await ReceiveSizedAsync(cancellationToken);
            if (payload is null)
            {
                Close("it closed the connection");
                return;
            }

            await _handler.HandleAsync(this, payload, size, cancellationToken);
        }
    }

    /// <summary>The next known message (unknown commands are reported and skipped), or null when the peer hung up.</summary>
    private async ValueTask<IPayload?> ReceiveAsync(CancellationToken cancellationToken) => (await ReceiveSizedAsync(cancellationToken)).Payload;

    private async ValueTask<(IPayload? Payload, int Size)> ReceiveSizedAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            using var message = await MessageFraming.ReadPooledAsync(_stream, _handler.Local.Magic,
                _version is null ? PayloadLimits.ForHandshake : PayloadLimits.For, s_buffers, cancellationToken);
            if (message is null)
                return (null, 0);
            Stats.Received(MessageFraming.HeaderSize + message.Length, _handler.Time.GetUtcNow());
            if (PayloadCodec.Decode(message.Command, message.Payload) is { } payload)
                return (payload, message.Length);
            _handler.OnUnknownCommand(this, message.Command, message.Length);
        }
    }

    private async Task FinishAsync(Task writer)
    {
        // Deliver what is still queued (a reject before a disconnect), briefly: a peer that does not read is cut off.
        try
        {
            await writer.WaitAsync(_limits.FlushTimeout);
        }
        catch (Exception e) when (e is TimeoutException or IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Closing the stream below ends a blocked write.
        }

        _stream.Dispose();
        try
        {
            await writer;
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The stream is gone.
        }

        _handler.OnClosed(this);
    }

    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
