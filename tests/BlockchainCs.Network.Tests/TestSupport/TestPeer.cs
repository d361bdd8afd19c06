using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using BlockchainCs.Core.Primitives;
using BlockchainCs.Network.Protocol;
using BlockchainCs.Network.Protocol.Payloads;

namespace BlockchainCs.Network.Tests.TestSupport;

/// <summary>
/// The one hand-driven peer of the tests: a socket to a node (from 127.0.0.N when a test wants its own address) that
/// runs the real <see cref="Handshake"/> when asked and then sends exactly what a test tells it - valid messages,
/// garbage, lies, floods, silence. A background loop queues what the node sends and answers its pings (unless told
/// not to); it can serve blocks the node asks for, as an honest peer would.
/// </summary>
public sealed class TestPeer : IAsyncDisposable
{
    private static int s_nextFakePort = 40_000 + Random.Shared.Next(10_000);

    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly Channel<IPayload> _inbox = Channel.CreateUnbounded<IPayload>();
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<Hash256, Block> _served = [];
    private readonly List<IPayload> _received = [];
    private Task _reader = Task.CompletedTask;
    private TaskCompletionSource _reading = Completed();

    private TestPeer(Socket socket, Hash256 genesis, NetworkMagic magic)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        Genesis = genesis;
        Magic = magic;
        ListenPort = Interlocked.Increment(ref s_nextFakePort);
    }

    public Hash256 Genesis { get; }

    public NetworkMagic Magic { get; }

    /// <summary>The listen port this peer claims in its version (nothing listens there).</summary>
    public int ListenPort { get; }

    public bool AnswerPings { get; set; } = true;

    /// <summary>Stops reading what the node sends (a peer that lets the node's writes pile up).</summary>
    public void PauseReading() => _reading = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void ResumeReading() => _reading.TrySetResult();

    /// <summary>Every message read from the node so far, in order.</summary>
    public IReadOnlyList<IPayload> Received
    {
        get
        {
            lock (_received)
                return [.. _received];
        }
    }

    /// <summary>True once the node closed the connection.</summary>
    public bool IsClosed => _reader.IsCompleted;

    /// <summary>Connects without any handshake (for tests of what happens before it).</summary>
    public static async Task<TestPeer> ConnectRawAsync(PeerAddress node, Hash256 genesis, IPAddress? from = null, NetworkMagic? magic = null)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        if (from is not null)
            socket.Bind(new IPEndPoint(from, 0));
        using var timeout = new CancellationTokenSource(Wait.Timeout);
        await socket.ConnectAsync(new IPEndPoint(node.Ip ?? IPAddress.Loopback, node.Port), timeout.Token);
        var peer = new TestPeer(socket, genesis, magic ?? NetworkMagic.Main);
        peer._reader = peer.ReadLoopAsync();
        return peer;
    }

    /// <summary>Accepts a connection a node under test dials (this peer plays the node it wanted to reach); no handshake yet.</summary>
    public static async Task<TestPeer> AcceptAsync(TcpListener listener, Hash256 genesis)
    {
        using var timeout = new CancellationTokenSource(Wait.Timeout);
        var socket = await listener.AcceptSocketAsync(timeout.Token);
        var peer = new TestPeer(socket, genesis, NetworkMagic.Main);
        peer._reader = peer.ReadLoopAsync();
        return peer;
    }

    /// <summary>Connects and runs the real handshake as a full node at <paramref name="bestHeight"/>.</summary>
    public static async Task<TestPeer> ConnectAsync(PeerAddress node, Hash256 genesis, IPAddress? from = null, int bestHeight = 0, bool relay = true)
    {
        var peer = await ConnectRawAsync(node, genesis, from);
        await peer.HandshakeAsync(bestHeight, relay: relay);
        return peer;
    }

    /// <summary>
    /// The real version/verack handshake, then a ping round trip so the node has surely handled our verack. A liar may
    /// claim any <paramref name="listenAddress"/> and <paramref name="userAgent"/>; <paramref name="relay"/> false is a light
    /// wallet's version (no transaction announcements before its filter).
    /// </summary>
    public async Task HandshakeAsync(int bestHeight = 0, PeerAddress? listenAddress = null, string userAgent = "/test-peer/", bool relay = true,
        ServiceFlags services = ServiceFlags.Network, bool dialled = true)
    {
        var local = new LocalNode(Magic, Genesis, services, listenAddress ?? new PeerAddress("127.0.0.1", ListenPort), userAgent, () => bestHeight, relay);
        using var timeout = new CancellationTokenSource(Wait.Timeout);
        var channel = new HandshakeChannel(async ct => await _inbox.Reader.ReadAsync(ct), payload => new ValueTask(SendAsync(payload)));
        await Handshake.RunAsync(channel, local, dialled, (ulong)Random.Shared.NextInt64(1, long.MaxValue),
            DateTimeOffset.UtcNow.ToUnixTimeSeconds(), null, timeout.Token);
        await SyncAsync();
    }

    /// <summary>A version message on <see cref="Genesis"/> (or another), for tests that break the handshake by hand.</summary>
    public VersionPayload VersionMessage(Hash256? genesis = null) =>
        new(VersionPayload.CurrentProtocolVersion, (ulong)ServiceFlags.Network, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 0, genesis ?? Genesis,
            new NetworkAddress((ulong)ServiceFlags.Network, "127.0.0.1", (ushort)ListenPort), (ulong)Random.Shared.NextInt64(), "/test-peer/");

    public Task SendAsync(IPayload payload) => SendRawAsync(MessageFraming.Encode(Magic, payload));

    /// <summary>A well-framed message with any command and payload bytes.</summary>
    public Task SendAsync(string command, byte[] payload) => SendRawAsync(MessageFraming.Encode(Magic, command, payload));

    public async Task SendRawAsync(byte[] bytes)
    {
        await _writeGate.WaitAsync();
        try
        {
            using var timeout = new CancellationTokenSource(Wait.Timeout);
            await _stream.WriteAsync(bytes, timeout.Token);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Answers the node's getdata for these blocks from now on (an honest peer that has them).</summary>
    public void Serve(IEnumerable<Block> blocks)
    {
        lock (_served)
            foreach (var block in blocks)
                _served[block.Hash] = block;
    }

    /// <summary>Announces blocks with an inv and serves them when the node asks (the honest way to hand over blocks).</summary>
    public Task AnnounceAsync(IReadOnlyList<Block> blocks)
    {
        Serve(blocks);
        return SendAsync(new InvPayload([.. blocks.Select(b => new InventoryVector(InventoryType.Block, b.Hash))]));
    }

    /// <summary>Reads queued messages until one of type <typeparamref name="T"/> matches (others are dropped); fails on timeout or hang-up.</summary>
    public async Task<T> ExpectAsync<T>(Func<T, bool>? match = null, TimeSpan? timeout = null)
        where T : class, IPayload
    {
        using var deadline = new CancellationTokenSource(timeout ?? Wait.Timeout);
        try
        {
            while (true)
            {
                var payload = await _inbox.Reader.ReadAsync(deadline.Token);
                if (payload is T wanted && (match is null || match(wanted)))
                    return wanted;
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"no {typeof(T).Name} arrived within {(timeout ?? Wait.Timeout).TotalSeconds:0.#} s; received: {Describe()}");
            throw;
        }
        catch (ChannelClosedException)
        {
            Assert.Fail($"the node closed the connection before sending a {typeof(T).Name}; received: {Describe()}");
            throw;
        }
    }

    /// <summary>A ping round trip: the node handles one peer's messages in order, so everything sent before is handled.</summary>
    public async Task SyncAsync()
    {
        var nonce = (ulong)Random.Shared.NextInt64(1, long.MaxValue);
        await SendAsync(new PingPayload(nonce));
        await ExpectAsync<PongPayload>(p => p.Nonce == nonce);
    }

    /// <summary>Closes our side of the connection (mid-message, if a test sent half of one).</summary>
    public void Close() => _socket.Close();

    public Task WaitClosedAsync(TimeSpan? timeout = null) => Wait.UntilAsync(() => IsClosed, timeout ?? Wait.Timeout, "the node to close the connection");

    private async Task ReadLoopAsync()
    {
        await Task.Yield();
        try
        {
            while (await _reading.Task.WaitAsync(_stop.Token).ContinueWith(_ => true, TaskScheduler.Default)
                && await MessageFraming.ReadAsync(_stream, Magic, MessageFraming.MaxPayloadSize, _stop.Token) is { } message)
            {
                if (PayloadCodec.Decode(message) is not { } payload)
                    continue;
                lock (_received)
                    _received.Add(payload);
                if (payload is PingPayload ping && AnswerPings)
                    await SendAsync(new PongPayload(ping.Nonce));
                if (payload is GetDataPayload getData)
                    await AnswerAsync(getData);
                _inbox.Writer.TryWrite(payload);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException or ProtocolException)
        {
            // Closed by either side.
        }
        finally
        {
            _inbox.Writer.TryComplete();
        }
    }

    private static TaskCompletionSource Completed()
    {
        var done = new TaskCompletionSource();
        done.SetResult();
        return done;
    }

    private async Task AnswerAsync(GetDataPayload getData)
    {
        List<Block> blocks;
        lock (_served)
            blocks = [.. getData.Items.Where(i => i.Type == InventoryType.Block && _served.ContainsKey(i.Hash)).Select(i => _served[i.Hash])];
        foreach (var block in blocks)
            await SendAsync(new BlockPayload(block));
    }

    private string Describe()
    {
        lock (_received)
            return _received.Count == 0 ? "nothing" : string.Join(", ", _received.Select(p => p.Command));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _reading.TrySetResult();
        _socket.Dispose();
        await _reader;
        _stream.Dispose();
    }
}
