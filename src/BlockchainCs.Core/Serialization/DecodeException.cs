namespace BlockchainCs.Core.Serialization;

/// <summary>Bytes that do not decode to a valid structure: truncated, over a limit, or malformed.</summary>
public sealed class DecodeException(string message) : Exception(message);
