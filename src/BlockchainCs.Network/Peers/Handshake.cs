using BlockchainCs.Core.Primitives;
using BlockchainCs.Network.Protocol;
using BlockchainCs.Network.Protocol.Payloads;

namespace BlockchainCs.Network;

/// <summary>
/// The version/verack handshake, the only one in the project: the node's peers, <c>send</c> and the tests all run it.
/// The dialling side sends its version first; each side answers the other's version with (its own version and) a
/// verack; it is done once each side has the other's version and verack. A version on another chain is refused with a
/// reject; anything else before the end, or a version or verack out of order, is a protocol violation.
/// </summary>
public static class Handshake
{
    public static VersionPayload CreateVersion(LocalNode local, ulong nonce, long unixNow) => new(
        VersionPayload.CurrentProtocolVersion, (ulong)local.Services, unixNow, local.Height(), local.Genesis,
        new NetworkAddress((ulong)local.Services, local.ListenAddress?.Host ?? "", (ushort)(local.ListenAddress?.Port ?? 0)),
        nonce, local.UserAgent, local.Relay);

    /// <summary>The reject to answer a version with when we cannot talk to its sender at all, or null.</summary>
    public static RejectPayload? Refusal(VersionPayload version, Hash256 genesis)
    {
        if (version.GenesisHash != genesis)
            return new RejectPayload(Commands.Version, RejectCode.Invalid, "different genesis block: another chain", version.GenesisHash);
        if (version.ProtocolVersion < VersionPayload.CurrentProtocolVersion)
            return new RejectPayload(Commands.Version, RejectCode.Obsolete, $"protocol version {version.ProtocolVersion} is too old", Hash256.Zero);
        return null;
    }

    /// <summary>
    /// Runs the exchange and returns the other side's version. <paramref name="accept"/> may refuse a version for
    /// reasons of the caller's (a connection to ourselves) by returning why. Throws <see cref="HandshakeException"/>.
    /// </summary>
    public static async Task<VersionPayload> RunAsync(HandshakeChannel channel, LocalNode local, bool dialled, ulong nonce, long unixNow,
        Func<VersionPayload, string?>? accept, CancellationToken cancellationToken)
    {
        if (dialled)
            await channel.Send(CreateVersion(local, nonce, unixNow));
        VersionPayload? remote = null;
        var gotVerack = false;
        while (remote is null || !gotVerack)
        {
            var payload = await channel.Receive(cancellationToken)
                ?? throw new HandshakeException("it closed the connection during the handshake");
            switch (payload)
            {
                case VersionPayload version when remote is null:
                    if (Refusal(version, local.Genesis) is { } refusal)
                    {
                        await channel.Send(refusal);
                        throw new HandshakeException($"refused its version: {refusal.Reason}");
                    }

                    if (accept?.Invoke(version) is { } why)
                        throw new HandshakeException(why);
                    remote = version;
                    if (!dialled)
                        await channel.Send(CreateVersion(local, nonce, unixNow));
                    await channel.Send(new VerackPayload());
                    break;
                case VersionPayload:
                    throw new HandshakeException("it sent version twice", misbehaved: true);
                case VerackPayload when remote is not null && !gotVerack:
                    gotVerack = true;
                    break;
                case VerackPayload:
                    throw new HandshakeException("it sent verack out of order", misbehaved: true);
                case RejectPayload reject:
                    throw new HandshakeException($"it refused the connection: {SafeText.Sanitize(reject.Reason)}", remoteReject: reject);
                default:
                    throw new HandshakeException($"it sent {payload.Command} before the handshake", misbehaved: true);
            }
        }

        return remote;
    }
}

/// <summary>How the handshake reads and writes messages on a connection (a node's peer, or a <see cref="MessageStream"/>).</summary>
public readonly record struct HandshakeChannel(Func<CancellationToken, ValueTask<IPayload?>> Receive, Func<IPayload, ValueTask> Send);
