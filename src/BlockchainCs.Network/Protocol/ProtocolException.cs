namespace BlockchainCs.Network.Protocol;

/// <summary>
/// A peer sent bytes that are not a valid message: wrong magic, bad checksum, a length or count over its limit,
/// a malformed field, or a stream that ends inside a message. The peer that sent it should be disconnected.
/// </summary>
public sealed class ProtocolException : Exception
{
    public ProtocolException(string message)
        : base(message)
    {
    }

    public ProtocolException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
