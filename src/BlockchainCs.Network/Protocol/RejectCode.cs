namespace BlockchainCs.Network.Protocol;

/// <summary>Why a message was rejected (BIP 61's one-byte codes).</summary>
public enum RejectCode : byte
{
    Malformed = 0x01,
    Invalid = 0x10,
    Obsolete = 0x11,
    Duplicate = 0x12,
    Nonstandard = 0x40,
    InsufficientFee = 0x42,
    Checkpoint = 0x43,
}
