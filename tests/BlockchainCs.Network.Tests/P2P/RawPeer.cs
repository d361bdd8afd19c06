using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using BlockchainCs.Core.Primitives;
using BlockchainCs.Network.Protocol;
using BlockchainCs.Network.Protocol.Payloads;

namespace BlockchainCs.Network.Tests.P2P;

/// <summary>
/// A hand-driven peer on a raw socket: it completes the version handshake and then sends exactly what a test tells it
/// (lies, floods, silence). Received messages are queued for the test; pings are answered unless told otherwise.
/// </summary>
internal sealed class RawPeer : IAsyncDisposable
{
    private static int _nextFakePort = 40_000 + Random.Shared.Next(10_000);

    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly Channel<IPayload> _inbox = Channel.CreateUnbounded<IPayload>();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reader;

    private RawPeer(Socket socket, int listenPort)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        ListenPort = listenPort;
        _reader = ReadLoopAsync();
    }

    /// <summary>The listen port this peer claims in its version (nothing listens there): its ban key on loopback.</summary>
    public int ListenPort { get; }

    public PeerAddress ListenAddress => new("127.0.0.1", ListenPort);

    public bool AnswerPings { get; set; } = true;

    /// <summary>True once the node closed the connection.</summary>
    public bool IsClosed => _reader.IsCompleted;

    public static async Task<RawPeer> ConnectAsync(TestNode node, Hash256 genesis, int bestHeight = 0)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, node.Address.Port));
        var peer = new RawPeer(socket, Interlocked.Increment(ref _nextFakePort));
        await peer.SendAsync(new VersionPayload(VersionPayload.CurrentProtocolVersion, (ulong)ServiceFlags.Network,
            DateTimeOffset.UtcNow.ToUnixTimeSeconds(), bestHeight, genesis,
            new NetworkAddress((ulong)ServiceFlags.Network, "127.0.0.1", (ushort)peer.ListenPort), (ulong)Random.Shared.NextInt64(), "/raw-test-peer/"));
        await peer.ExpectAsync<VersionPayload>();
        await peer.SendAsync(new VerackPayload());
        await peer.ExpectAsync<VerackPayload>();
        // Once the ping is answered the node has processed our verack too: the handshake is complete on both sides.
        await peer.SyncAsync();
        return peer;
    }

    public Task SendAsync(IPayload payload) => SendRawAsync(payload.Command, PayloadCodec.Encode(payload));

    public async Task SendRawAsync(string command, byte[] payload)
    {
        await _writeLock.WaitAsync();
        try
        {
            await _stream.WriteAsync(MessageFraming.Encode(NetworkMagic.Main, command, payload));
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Reads queued messages until one of type <typeparamref name="T"/> matches (others are dropped).</summary>
    public async Task<T> ExpectAsync<T>(Func<T, bool>? match = null, TimeSpan? timeout = null)
        where T : class, IPayload
    {
        using var deadline = new CancellationTokenSource(timeout ?? Poll.DefaultTimeout);
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
            throw new TimeoutException($"no {typeof(T).Name} arrived in time");
        }
        catch (ChannelClosedException)
        {
            throw new IOException($"the node closed the connection before sending a {typeof(T).Name}");
        }
    }

    /// <summary>A ping round trip: the node handles one peer's messages in order, so everything sent before is processed.</summary>
    public async Task SyncAsync()
    {
        var nonce = (ulong)Random.Shared.NextInt64();
        await SendAsync(new PingPayload(nonce));
        await ExpectAsync<PongPayload>(p => p.Nonce == nonce);
    }

    public Task WaitClosedAsync() => Poll.UntilAsync(() => IsClosed, "the node closed the connection");

    private async Task ReadLoopAsync()
    {
        await Task.Yield();
        try
        {
            while (await MessageFraming.ReadAsync(_stream, NetworkMagic.Main, MessageFraming.MaxPayloadSize, _stop.Token) is { } message)
            {
                if (PayloadCodec.Decode(message) is not { } payload)
                    continue;
                if (payload is PingPayload ping && AnswerPings)
                    await SendAsync(new PongPayload(ping.Nonce));
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

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Dispose();
        try
        {
            await _reader;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // Already closed.
        }

        _stream.Dispose();
    }
}
