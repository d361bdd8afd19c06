using BlockchainCs.Core.Primitives;
using BlockchainCs.Network.Protocol;
using BlockchainCs.Network.Protocol.Payloads;
using Microsoft.Extensions.Logging;

namespace BlockchainCs.Network;

/// <summary>The version / verack handshake: same magic (checked by the framing), same genesis, not ourselves.</summary>
public sealed partial class Node
{
    private ServiceFlags Services => ServiceFlags.Network | (Config.MinerPubKeyHash is null ? ServiceFlags.None : ServiceFlags.Miner);

    private void SendVersion(Peer peer)
    {
        peer.VersionSent = true;
        // Each outbound connection gets its own nonce, so an inbound version carrying it names the address that is us.
        peer.LocalNonce = peer.Inbound ? _nonce : (ulong)Random.Shared.NextInt64();
        peer.Send(new VersionPayload(VersionPayload.CurrentProtocolVersion, (ulong)Services, Config.Time.GetUtcNow().ToUnixTimeSeconds(),
            Chain.Tip.Height, Chain.GenesisHash, new NetworkAddress((ulong)Services, ListenAddress.Host, (ushort)ListenAddress.Port),
            peer.LocalNonce, Config.UserAgent));
    }

    private void HandleVersion(Peer peer, VersionPayload version)
    {
        if (peer.Version is not null)
        {
            Punish(peer, "sent version twice");
            return;
        }

        var dialled = _peers.Keys.FirstOrDefault(p => !p.Inbound && p != peer && p.LocalNonce == version.Nonce);
        if (version.Nonce == _nonce || dialled is not null)
        {
            // We dialled our own listen address under another name: never dial it again.
            var self = dialled?.Remote ?? (peer.Inbound ? null : peer.Remote);
            _log.LogInformation("Connected to myself through {Address}; that address will not be dialled again", self?.ToString() ?? peer.ToString());
            if (self is not null)
                Addresses.MarkSelf(self);
            dialled?.Disconnect("connected to itself");
            peer.Disconnect("connected to itself");
            return;
        }

        if (version.GenesisHash != Chain.GenesisHash)
        {
            peer.Send(new RejectPayload(Commands.Version, RejectCode.Invalid, "different genesis block: another chain", version.GenesisHash));
            _log.LogWarning("Refused {Peer}: it is on another chain (genesis {Genesis})", peer, version.GenesisHash);
            peer.Disconnect("another chain");
            return;
        }

        peer.Version = version;
        peer.BestHeight = version.BestHeight;
        if (peer.Inbound && peer.ListenAddress is { } listen && _bans.IsBanned(BanList.KeyOf(listen)))
        {
            peer.Disconnect("banned");
            return;
        }

        if (!peer.VersionSent)
            SendVersion(peer);
        peer.Send(new VerackPayload());
    }

    private void HandleVerack(Peer peer)
    {
        if (peer.Version is null || peer.HandshakeComplete)
        {
            Punish(peer, "verack out of order");
            return;
        }

        peer.HandshakeComplete = true;
        var listen = peer.ListenAddress;
        if (!peer.Inbound)
            Addresses.MarkGood(peer.Remote);
        else if (listen is not null && ((ServiceFlags)peer.Version.Services).HasFlag(ServiceFlags.Network))
            Addresses.Add(listen);
        _log.LogInformation("Handshake with {Peer} done: height {Height}, agent {Agent}", peer, peer.BestHeight, peer.Version.UserAgent);

        if (((ServiceFlags)peer.Version.Services).HasFlag(ServiceFlags.Network))
        {
            // Learn other nodes and tell the peer where we listen (discovery).
            peer.Send(new GetAddrPayload());
            peer.Send(new AddrPayload([new TimestampedAddress(Config.Time.GetUtcNow().ToUnixTimeSeconds(),
                new NetworkAddress((ulong)Services, ListenAddress.Host, (ushort)ListenAddress.Port))]));
        }

        if (peer.BestHeight > Chain.Tip.Height)
            RequestBlocks(peer, Hash256.Zero);
    }
}
