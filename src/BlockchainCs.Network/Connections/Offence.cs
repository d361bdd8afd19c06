namespace BlockchainCs.Network;

/// <summary>What a peer did wrong. Each offence costs the points <see cref="Misbehavior.Points"/> gives it.</summary>
public enum Offence
{
    /// <summary>Bytes that are not a valid message: wrong magic, bad checksum, oversized or malformed payload.</summary>
    MalformedMessage,

    /// <summary>A valid message at the wrong time: before the handshake, a second version, a verack out of order.</summary>
    ProtocolViolation,

    /// <summary>A block that breaks a consensus rule (or builds on one that does).</summary>
    InvalidBlock,

    /// <summary>A transaction that breaks a consensus rule no honest relay could miss (forged signature, someone else's coins).</summary>
    InvalidTransaction,

    /// <summary>A block header that breaks a rule (proof of work, link, height, time).</summary>
    InvalidHeader,

    /// <summary>Headers that do not connect to anything we know (an honest peer on a fork can send a few).</summary>
    UnconnectingHeaders,

    /// <summary>More unanswered getdata items than a connection may have waiting.</summary>
    RequestFlood,

    /// <summary>A BIP 37 filter message that breaks its limits, or filter messages to a node that does not serve them.</summary>
    InvalidFilter,

    /// <summary>A compact block filter request outside its limits or for blocks we do not have (BIP 157).</summary>
    InvalidFilterRequest,

    /// <summary>Filter headers or a filter that the block itself contradicts (BIP 157: a light wallet bans the liar).</summary>
    WrongFilter,

    /// <summary>An alert that is not correctly signed by the chain's alert keys, or is malformed.</summary>
    InvalidAlert,
}
