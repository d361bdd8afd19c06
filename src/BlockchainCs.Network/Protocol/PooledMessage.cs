using System.Buffers;

namespace BlockchainCs.Network.Protocol;

/// <summary>
/// One framed message read into a rented buffer (checksum verified). Decode its <see cref="Payload"/> with
/// <see cref="PayloadCodec.Decode(string, ReadOnlySpan{byte})"/>, then dispose it to give the buffer back.
/// </summary>
public sealed class PooledMessage : IDisposable
{
    private readonly ArrayPool<byte> _pool;
    private byte[]? _buffer;

    internal PooledMessage(string command, byte[] buffer, int length, ArrayPool<byte> pool)
    {
        Command = command;
        _buffer = buffer;
        Length = length;
        _pool = pool;
    }

    public string Command { get; }

    public int Length { get; }

    public ReadOnlySpan<byte> Payload => _buffer is { } buffer ? buffer.AsSpan(0, Length) : throw new ObjectDisposedException(nameof(PooledMessage));

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _buffer, null) is { } buffer && buffer.Length > 0)
            _pool.Return(buffer);
    }
}
