using System.Buffers;

namespace BlockchainCs.Network.Protocol;

/// <summary>
/// Frames messages on a byte stream. The tutorial sent a 12-byte command followed by a gob blob and read until
/// the connection closed; we add a network magic, an explicit payload length and a checksum, so one connection
/// carries many messages and a corrupt or hostile one is refused before its payload is even allocated.
/// </summary>
public static class MessageFraming
{
    public const int HeaderSize = MessageHeader.Size;
    public const int CommandSize = MessageHeader.CommandSize;

    /// <summary>The largest payload anyone may send (32 MiB, like Bitcoin's MAX_SIZE).</summary>
    public const int MaxPayloadSize = 32 * 1024 * 1024;

    /// <summary>The full message: header followed by <paramref name="payload"/>.</summary>
    public static byte[] Encode(NetworkMagic magic, string command, ReadOnlySpan<byte> payload)
    {
        if (payload.Length > MaxPayloadSize)
            throw new ArgumentException($"payload of {payload.Length} bytes exceeds {MaxPayloadSize}", nameof(payload));
        var message = new byte[HeaderSize + payload.Length];
        MessageHeader.Write(message, magic, command, payload);
        payload.CopyTo(message.AsSpan(HeaderSize));
        return message;
    }

    public static byte[] Encode(NetworkMagic magic, IPayload payload) =>
        Encode(magic, payload.Command, PayloadCodec.Encode(payload));

    /// <summary>Decodes exactly one whole message held in <paramref name="bytes"/>; anything else is a <see cref="ProtocolException"/>.</summary>
    public static Message Decode(ReadOnlySpan<byte> bytes, NetworkMagic magic, int maxPayload = MaxPayloadSize)
    {
        CheckLimit(maxPayload);
        if (bytes.Length < HeaderSize)
            throw new ProtocolException($"truncated header: {bytes.Length} of {HeaderSize} bytes");
        var header = MessageHeader.Parse(bytes[..HeaderSize], magic, maxPayload);
        var payload = bytes[HeaderSize..];
        if (payload.Length < header.PayloadLength)
            throw new ProtocolException($"truncated {header.Command} payload: {payload.Length} of {header.PayloadLength} bytes");
        if (payload.Length > header.PayloadLength)
            throw new ProtocolException($"{payload.Length - header.PayloadLength} bytes after the {header.Command} message");
        header.VerifyChecksum(payload);
        return new Message(header.Command, payload.ToArray());
    }

    /// <summary>
    /// Reads the next message. Returns null when the stream ends cleanly between messages (the peer hung up);
    /// throws <see cref="ProtocolException"/> when it ends inside one or the message is malformed. I/O errors of
    /// the stream itself propagate unchanged.
    /// </summary>
    public static async ValueTask<Message?> ReadAsync(Stream stream, NetworkMagic magic, int maxPayload = MaxPayloadSize,
        CancellationToken cancellationToken = default)
    {
        CheckLimit(maxPayload);
        using var message = await ReadPooledAsync(stream, magic, _ => maxPayload, ArrayPool<byte>.Shared, cancellationToken).ConfigureAwait(false);
        return message is null ? null : new Message(message.Command, message.Payload.ToArray());
    }

    /// <summary>
    /// Reads the next message into a buffer rented from <paramref name="pool"/>. The length field is checked against
    /// <paramref name="maxPayloadFor"/>(command) before anything is allocated, and the buffer grows with the bytes that
    /// actually arrive (64 KiB first, then doubling): a peer that declares 4 MB and sends 25 bytes costs 64 KiB, not 4 MB.
    /// Returns null when the stream ends cleanly between messages.
    /// </summary>
    public static async ValueTask<PooledMessage?> ReadPooledAsync(Stream stream, NetworkMagic magic, Func<string, int> maxPayloadFor,
        ArrayPool<byte> pool, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var headerBuffer = pool.Rent(HeaderSize);
        MessageHeader header;
        try
        {
            // Slice to exactly 24 bytes: a rented array may be longer, and we must not read into the payload.
            var read = await stream.ReadAtLeastAsync(headerBuffer.AsMemory(0, HeaderSize), HeaderSize,
                throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            if (read == 0)
                return null;
            if (read < HeaderSize)
                throw new ProtocolException($"the stream ended inside a message header ({read} of {HeaderSize} bytes)");
            header = MessageHeader.Parse(headerBuffer.AsSpan(0, HeaderSize), magic, MaxPayloadSize);
        }
        finally
        {
            pool.Return(headerBuffer);
        }

        var limit = Math.Min(maxPayloadFor(header.Command), MaxPayloadSize);
        if (header.PayloadLength > limit)
            throw new ProtocolException($"{header.Command} payload length {header.PayloadLength} exceeds the limit of {limit} bytes");
        var buffer = header.PayloadLength == 0 ? [] : pool.Rent(Math.Min(header.PayloadLength, InitialChunk));
        var filled = 0;
        try
        {
            while (filled < header.PayloadLength)
            {
                if (filled == buffer.Length)
                {
                    // Grow only once the previous buffer is full: memory follows the bytes the peer really sent.
                    var bigger = pool.Rent(Math.Min(header.PayloadLength, buffer.Length * 2));
                    buffer.AsSpan(0, filled).CopyTo(bigger);
                    pool.Return(buffer);
                    buffer = bigger;
                }

                var want = Math.Min(buffer.Length, header.PayloadLength) - filled;
                var read = await stream.ReadAsync(buffer.AsMemory(filled, want), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                    throw new ProtocolException($"the stream ended inside a {header.Command} payload ({filled} of {header.PayloadLength} bytes)");
                filled += read;
            }

            header.VerifyChecksum(buffer.AsSpan(0, filled));
            var message = new PooledMessage(header.Command, buffer, filled, pool);
            buffer = [];
            return message;
        }
        finally
        {
            if (buffer.Length > 0)
                pool.Return(buffer);
        }
    }

    /// <summary>The first buffer of a payload; larger payloads grow it as their bytes arrive.</summary>
    public const int InitialChunk = 64 * 1024;

    private static void CheckLimit(int maxPayload)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxPayload);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxPayload, MaxPayloadSize);
    }
}
