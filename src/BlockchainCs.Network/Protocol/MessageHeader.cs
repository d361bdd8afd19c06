using System.Buffers.Binary;
using System.Text;
using BlockchainCs.Core.Crypto;

namespace BlockchainCs.Network.Protocol;

/// <summary>
/// The 24-byte envelope header: magic (4) ‖ command (12, ASCII, NUL-padded) ‖ payload length (uint32 LE) ‖
/// checksum (first 4 bytes of SHA-256(SHA-256(payload))).
/// </summary>
internal readonly record struct MessageHeader(string Command, int PayloadLength, uint Checksum)
{
    public const int Size = NetworkMagic.Size + CommandSize + 4 + 4;
    public const int CommandSize = 12;

    public static void Write(Span<byte> destination, NetworkMagic magic, string command, ReadOnlySpan<byte> payload)
    {
        ValidateCommand(command);
        magic.CopyTo(destination);
        var commandField = destination.Slice(NetworkMagic.Size, CommandSize);
        commandField.Clear();
        Encoding.ASCII.GetBytes(command, commandField);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[16..], (uint)payload.Length);
        BinaryPrimitives.WriteUInt32BigEndian(destination[20..], ComputeChecksum(payload));
    }

    /// <summary>Checks magic, command and length; the checksum can only be checked once the payload is read.</summary>
    public static MessageHeader Parse(ReadOnlySpan<byte> header, NetworkMagic magic, int maxPayload)
    {
        var actual = NetworkMagic.Read(header);
        if (actual != magic)
            throw new ProtocolException($"wrong network magic {actual}, expected {magic}");
        var command = ReadCommand(header.Slice(NetworkMagic.Size, CommandSize));
        var length = BinaryPrimitives.ReadUInt32LittleEndian(header[16..]);
        if (length > (uint)maxPayload)
            throw new ProtocolException($"{command} payload length {length} exceeds the limit of {maxPayload} bytes");
        return new MessageHeader(command, (int)length, BinaryPrimitives.ReadUInt32BigEndian(header[20..]));
    }

    public void VerifyChecksum(ReadOnlySpan<byte> payload)
    {
        var expected = ComputeChecksum(payload);
        if (expected != Checksum)
            throw new ProtocolException($"bad {Command} checksum {Checksum:x8}, the payload hashes to {expected:x8}");
    }

    /// <summary>The first four digest bytes, read big-endian so that the number prints like the wire bytes.</summary>
    public static uint ComputeChecksum(ReadOnlySpan<byte> payload) =>
        BinaryPrimitives.ReadUInt32BigEndian(Hashes.DoubleSha256(payload));

    public static void ValidateCommand(string command)
    {
        if (command.Length is 0 or > CommandSize)
            throw new ArgumentException($"a command is 1 to {CommandSize} characters: '{command}'", nameof(command));
        foreach (var c in command)
        {
            if (!IsPrintable(c))
                throw new ArgumentException($"a command is printable ASCII: '{command}'", nameof(command));
        }
    }

    private static string ReadCommand(ReadOnlySpan<byte> field)
    {
        // Like Bitcoin: printable ASCII, then only NULs up to 12 bytes (a 12-character command has none).
        var length = field.IndexOf((byte)0);
        if (length < 0)
            length = field.Length;
        if (length == 0)
            throw new ProtocolException("empty command");
        for (var i = 0; i < length; i++)
        {
            if (!IsPrintable((char)field[i]))
                throw new ProtocolException($"command byte {i} is 0x{field[i]:x2}, not printable ASCII");
        }

        if (field[length..].ContainsAnyExcept((byte)0))
            throw new ProtocolException("command is not NUL-padded: a non-NUL byte follows the first NUL");
        return Encoding.ASCII.GetString(field[..length]);
    }

    private static bool IsPrintable(char c) => c is >= ' ' and <= '~';
}
