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
        ArgumentNullException.ThrowIfNull(stream);
        CheckLimit(maxPayload);
        var headerBuffer = ArrayPool<byte>.Shared.Rent(HeaderSize);
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
            header = MessageHeader.Parse(headerBuffer.AsSpan(0, HeaderSize), magic, maxPayload);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(headerBuffer);
        }

        // Allocated only now that the length is known to be within the limit; exact size, owned by the Message.
        var payload = header.PayloadLength == 0 ? [] : new byte[header.PayloadLength];
        if (payload.Length > 0)
        {
            var read = await stream.ReadAtLeastAsync(payload, payload.Length, throwOnEndOfStream: false, cancellationToken)
                .ConfigureAwait(false);
            if (read < payload.Length)
                throw new ProtocolException($"the stream ended inside a {header.Command} payload ({read} of {payload.Length} bytes)");
        }

        header.VerifyChecksum(payload);
        return new Message(header.Command, payload);
    }

    private static void CheckLimit(int maxPayload)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxPayload);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxPayload, MaxPayloadSize);
    }
}
