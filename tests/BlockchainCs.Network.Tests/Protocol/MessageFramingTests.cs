using System.Buffers.Binary;
using BlockchainCs.Network.Protocol;

namespace BlockchainCs.Network.Tests.Protocol;

public sealed class MessageFramingTests
{
    private static byte[] Ping => GoldenMessages.Get(Commands.Ping).Bytes;

    [Fact]
    public async Task ReadAsync_EmptyStream_ReturnsNull()
    {
        using var stream = new MemoryStream();

        Assert.Null(await MessageFraming.ReadAsync(stream, Fixtures.Magic));
    }

    [Fact]
    public async Task ReadAsync_WrongMagic_ThrowsProtocolException()
    {
        using var stream = new MemoryStream(Ping);

        var error = await Assert.ThrowsAsync<ProtocolException>(() => MessageFraming.ReadAsync(stream, new NetworkMagic(0xf9beb4d9)).AsTask());

        Assert.Contains("magic", error.Message);
    }

    [Fact]
    public void Decode_WrongMagic_ThrowsProtocolException()
    {
        var bytes = Ping;
        bytes[0] ^= 0x01;

        Assert.Contains("magic", Assert.Throws<ProtocolException>(() => MessageFraming.Decode(bytes, Fixtures.Magic)).Message);
    }

    [Fact]
    public async Task ReadAsync_BadChecksum_ThrowsProtocolException()
    {
        var bytes = Ping;
        bytes[^1] ^= 0x01;
        using var stream = new MemoryStream(bytes);

        var error = await Assert.ThrowsAsync<ProtocolException>(() => MessageFraming.ReadAsync(stream, Fixtures.Magic).AsTask());

        Assert.Contains("checksum", error.Message);
    }

    [Fact]
    public void Decode_BadChecksumOnEmptyPayload_ThrowsProtocolException()
    {
        var bytes = GoldenMessages.Get(Commands.Verack).Bytes;
        bytes[20] ^= 0x80;

        Assert.Contains("checksum", Assert.Throws<ProtocolException>(() => MessageFraming.Decode(bytes, Fixtures.Magic)).Message);
    }

    [Fact]
    public async Task ReadAsync_LengthOverMaxPayload_ThrowsBeforeReadingPayload()
    {
        // Only the header is in the stream: had the reader tried to read (or allocate) the payload first, the
        // error would be "ended inside a payload" (or an OutOfMemoryException), not the length check.
        var stream = new CountingStream(Header(Commands.Block, MessageFraming.MaxPayloadSize + 1));

        var error = await Assert.ThrowsAsync<ProtocolException>(() => MessageFraming.ReadAsync(stream, Fixtures.Magic).AsTask());

        Assert.Contains("exceeds", error.Message);
        Assert.Equal(MessageFraming.HeaderSize, stream.BytesRead);
    }

    [Fact]
    public async Task ReadAsync_LengthUInt32Max_ThrowsProtocolException()
    {
        using var stream = new MemoryStream(Header(Commands.Block, uint.MaxValue));

        var error = await Assert.ThrowsAsync<ProtocolException>(() => MessageFraming.ReadAsync(stream, Fixtures.Magic).AsTask());

        Assert.Contains("exceeds", error.Message);
    }

    [Fact]
    public async Task ReadAsync_LengthOverCallerLimit_ThrowsProtocolException()
    {
        using var stream = new MemoryStream(Ping);

        var error = await Assert.ThrowsAsync<ProtocolException>(() => MessageFraming.ReadAsync(stream, Fixtures.Magic, maxPayload: 7).AsTask());

        Assert.Contains("exceeds the limit of 7", error.Message);
    }

    [Fact]
    public void Decode_LengthOverMaxPayload_ThrowsProtocolException()
    {
        Assert.Contains("exceeds",
            Assert.Throws<ProtocolException>(() => MessageFraming.Decode(Header(Commands.Block, MessageFraming.MaxPayloadSize + 1), Fixtures.Magic)).Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(23)]
    public async Task ReadAsync_TruncatedHeader_ThrowsProtocolException(int length)
    {
        using var stream = new MemoryStream(Ping[..length]);

        var error = await Assert.ThrowsAsync<ProtocolException>(() => MessageFraming.ReadAsync(stream, Fixtures.Magic).AsTask());

        Assert.Contains("header", error.Message);
    }

    [Theory]
    [InlineData(24)]
    [InlineData(31)]
    public async Task ReadAsync_TruncatedPayload_ThrowsProtocolException(int length)
    {
        using var stream = new MemoryStream(Ping[..length]);

        var error = await Assert.ThrowsAsync<ProtocolException>(() => MessageFraming.ReadAsync(stream, Fixtures.Magic).AsTask());

        Assert.Contains("ended inside a ping payload", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(23)]
    [InlineData(31)]
    public void Decode_Truncated_ThrowsProtocolException(int length)
    {
        Assert.Contains("truncated", Assert.Throws<ProtocolException>(() => MessageFraming.Decode(Ping.AsSpan(0, length), Fixtures.Magic)).Message);
    }

    [Fact]
    public void Decode_TrailingBytesAfterMessage_ThrowsProtocolException()
    {
        byte[] bytes = [.. Ping, 0x00];

        Assert.Contains("after", Assert.Throws<ProtocolException>(() => MessageFraming.Decode(bytes, Fixtures.Magic)).Message);
    }

    [Theory]
    [InlineData(4, 0xe9, "not printable ASCII")] // 'é' in Latin-1
    [InlineData(5, 0x0a, "not printable ASCII")] // a newline
    [InlineData(4, 0x00, "empty command")]
    [InlineData(10, 0x78, "NUL-padded")] // "ping" NUL NUL "x"
    [InlineData(15, 0x78, "NUL-padded")] // the last padding byte
    public async Task ReadAsync_MalformedCommand_ThrowsProtocolException(int offset, byte value, string reason)
    {
        var bytes = Ping;
        bytes[offset] = value;
        using var stream = new MemoryStream(bytes);

        var error = await Assert.ThrowsAsync<ProtocolException>(() => MessageFraming.ReadAsync(stream, Fixtures.Magic).AsTask());

        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void Decode_TwelveCharacterCommand_HasNoPadding()
    {
        var bytes = MessageFraming.Encode(Fixtures.Magic, "abcdefghijkl", []);

        var message = MessageFraming.Decode(bytes, Fixtures.Magic);

        Assert.Equal("abcdefghijkl", message.Command);
        Assert.Null(PayloadCodec.Decode(message));
    }

    [Theory]
    [InlineData("")]
    [InlineData("thirteenchars")]
    [InlineData("caf\u00e9")]
    [InlineData("ping\0")]
    public void Encode_InvalidCommand_ThrowsArgumentException(string command)
    {
        Assert.Throws<ArgumentException>(() => MessageFraming.Encode(Fixtures.Magic, command, []));
    }

    [Fact]
    public void Encode_Payload_WritesLengthAndChecksumOfEmptyPayload()
    {
        var bytes = MessageFraming.Encode(Fixtures.Magic, Commands.Verack, []);

        Assert.Equal("42434353" + "76657261636b000000000000" + "00000000" + "5df6e0e2", Convert.ToHexStringLower(bytes));
    }

    [Fact]
    public void NetworkMagic_Main_IsBccsInAscii()
    {
        Span<byte> bytes = stackalloc byte[NetworkMagic.Size];
        NetworkMagic.Main.CopyTo(bytes);

        Assert.Equal("BCCS", System.Text.Encoding.ASCII.GetString(bytes));
    }

    private static byte[] Header(string command, uint length)
    {
        var bytes = MessageFraming.Encode(Fixtures.Magic, command, []);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(16), length);
        return bytes;
    }

    private static byte[] Header(string command, int length) => Header(command, (uint)length);
}
