using System.Net;
using System.Net.Sockets;
using BlockchainCs.Core.Primitives;
using BlockchainCs.Network.Protocol;
using BlockchainCs.Network.Protocol.Payloads;

namespace BlockchainCs.Network.Tests.TestSupport;

/// <summary>
/// A hand-driven peer: a plain TCP connection to a node that sends whatever bytes a test wants (valid messages,
/// garbage, lies), does the version/verack handshake by hand, and can tell when the node hung up on it.
/// </summary>
public sealed class EvilPeer : IDisposable
{
    /// <summary>How long a read may wait for the node before the test fails.</summary>
    public static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(5);

    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly List<IPayload> _received = [];

    private EvilPeer(TcpClient client, Hash256 genesis, NetworkMagic magic)
    {
        _client = client;
        _client.NoDelay = true;
        _stream = client.GetStream();
        Genesis = genesis;
        Magic = magic;
    }

    public Hash256 Genesis { get; }

    public NetworkMagic Magic { get; }

    /// <summary>Every message read from the node so far, in order.</summary>
    public IReadOnlyList<IPayload> Received => _received;

    public static async Task<EvilPeer> ConnectAsync(PeerAddress node, Hash256 genesis, NetworkMagic? magic = null)
    {
        var client = new TcpClient(AddressFamily.InterNetwork);
        using var timeout = new CancellationTokenSource(ReadTimeout);
        await client.ConnectAsync(IPAddress.Loopback, node.Port, timeout.Token);
        return new EvilPeer(client, genesis, magic ?? NetworkMagic.Main);
    }

    public async Task SendRawAsync(byte[] bytes)
    {
        using var timeout = new CancellationTokenSource(ReadTimeout);
        await _stream.WriteAsync(bytes, timeout.Token);
    }

    public Task SendAsync(IPayload payload) => SendRawAsync(MessageFraming.Encode(Magic, payload));

    /// <summary>Sends a well-framed message with any command and payload bytes.</summary>
    public Task SendAsync(string command, byte[] payload) => SendRawAsync(MessageFraming.Encode(Magic, command, payload));

    /// <summary>The version message of a peer on <see cref="Genesis"/>; <paramref name="listenPort"/> is where it claims to listen (its ban key on loopback).</summary>
    public VersionPayload VersionMessage(int listenPort = 0, Hash256? genesis = null) =>
        new(VersionPayload.CurrentProtocolVersion, 0, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 0, genesis ?? Genesis,
            new NetworkAddress(0, "127.0.0.1", (ushort)listenPort), (ulong)Random.Shared.NextInt64(), "/evil:0.1/");

    /// <summary>version → (version, verack) → verack, then a ping round trip so the node has surely processed our verack.</summary>
    public async Task HandshakeAsync(int listenPort = 0)
    {
        await SendAsync(VersionMessage(listenPort));
        var gotVersion = false;
        var gotVerack = false;
        while (!gotVersion || !gotVerack)
        {
            var payload = await ReceiveAnyAsync();
            gotVersion |= payload is VersionPayload;
            gotVerack |= payload is VerackPayload;
        }

        await SendAsync(new VerackPayload());
        await PingAsync();
    }

    /// <summary>Sends a ping and waits for the matching pong: proof the node still reads and answers this connection.</summary>
    public async Task PingAsync()
    {
        var nonce = (ulong)Random.Shared.NextInt64();
        await SendAsync(new PingPayload(nonce));
        await ReceiveAsync<PongPayload>(p => p.Nonce == nonce);
    }

    /// <summary>Reads messages (answering the node's pings) until one of type <typeparamref name="T"/> matches; fails on timeout or hang-up.</summary>
    public async Task<T> ReceiveAsync<T>(Func<T, bool>? match = null)
        where T : IPayload
    {
        using var timeout = new CancellationTokenSource(ReadTimeout);
        while (true)
        {
            var payload = await ReceiveAnyAsync(timeout.Token);
            if (payload is T typed && (match is null || match(typed)))
                return typed;
        }
    }

    private async Task<IPayload> ReceiveAnyAsync(CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ReadTimeout);
        while (true)
        {
            Message? message;
            try
            {
                message = await MessageFraming.ReadAsync(_stream, Magic, MessageFraming.MaxPayloadSize, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"the node sent nothing expected within {ReadTimeout.TotalSeconds} s; received so far: {Describe()}");
                throw;
            }

            if (message is null)
                Assert.Fail($"the node closed the connection; received so far: {Describe()}");
            if (PayloadCodec.Decode(message) is not { } payload)
                continue;
            _received.Add(payload);
            if (payload is PingPayload ping)
                await SendAsync(new PongPayload(ping.Nonce));
            return payload;
        }
    }

    /// <summary>Reads until the node hangs up (end of stream or reset); fails when it has not done so within <paramref name="timeout"/>.</summary>
    public async Task ExpectDisconnectedAsync(TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? ReadTimeout);
        try
        {
            while (await MessageFraming.ReadAsync(_stream, Magic, MessageFraming.MaxPayloadSize, deadline.Token) is { } message)
            {
                if (PayloadCodec.Decode(message) is { } payload)
                    _received.Add(payload);
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"the node did not disconnect within {(timeout ?? ReadTimeout).TotalSeconds} s; received: {Describe()}");
        }
        catch (Exception e) when (e is IOException or SocketException or ProtocolException or ObjectDisposedException)
        {
            // Reset or cut mid-message: disconnected too.
        }
    }

    /// <summary>Closes our side of the connection.</summary>
    public void Close() => _client.Close();

    private string Describe() => _received.Count == 0 ? "nothing" : string.Join(", ", _received.Select(p => p.Command));

    public void Dispose() => _client.Dispose();
}
