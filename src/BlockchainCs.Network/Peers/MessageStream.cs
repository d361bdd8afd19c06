using System.Buffers;
using System.Net.Sockets;
using BlockchainCs.Network.Protocol;

namespace BlockchainCs.Network;

/// <summary>
/// A framed connection for clients (<c>send</c>, SPV wallets, test peers): typed messages in and out over one stream,
/// with the node's payload limits (tighter before the handshake). Unknown commands are skipped, as nodes do.
/// </summary>
public sealed class MessageStream : IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly NetworkMagic _magic;
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    public MessageStream(Stream stream, NetworkMagic magic)
    {
        _stream = stream;
        _magic = magic;
    }

    /// <summary>Once set, the full payload limits apply (before it, only a version fits).</summary>
    public bool HandshakeDone { get; set; }

    /// <summary>Connects to <paramref name="address"/> within <paramref name="timeout"/>.</summary>
    public static async Task<MessageStream> ConnectAsync(PeerAddress address, NetworkMagic magic, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            await address.ConnectAsync(socket, null, deadline.Token);
            return new MessageStream(new NetworkStream(socket, ownsSocket: true), magic);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The next known message, or null when the other side closed the connection.</summary>
    public async ValueTask<IPayload?> ReceiveAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            using var message = await MessageFraming.ReadPooledAsync(_stream, _magic, HandshakeDone ? PayloadLimits.For : PayloadLimits.ForHandshake,
                ArrayPool<byte>.Shared, cancellationToken);
            if (message is null)
                return null;
            if (PayloadCodec.Decode(message.Command, message.Payload) is { } payload)
                return payload;
        }
    }

    public async ValueTask SendAsync(IPayload payload, CancellationToken cancellationToken = default)
    {
        var bytes = MessageFraming.Encode(_magic, payload);
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await _stream.WriteAsync(bytes, cancellationToken);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Runs the handshake as the dialling side and returns the other side's version.</summary>
    public async Task<Protocol.Payloads.VersionPayload> HandshakeAsync(LocalNode local, ulong nonce, CancellationToken cancellationToken)
    {
        var channel = new HandshakeChannel(ReceiveAsync, payload => SendAsync(payload, cancellationToken));
        var version = await Handshake.RunAsync(channel, local, dialled: true, nonce, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), null, cancellationToken);
        HandshakeDone = true;
        return version;
    }

    public ValueTask DisposeAsync() => _stream.DisposeAsync();
}
