using System.Collections.Concurrent;
using BlockchainCs.Network.Protocol;
using BlockchainCs.Network.Protocol.Payloads;
using Microsoft.Extensions.Logging;

namespace BlockchainCs.Network;

/// <summary>
/// Discovery (Mastering Bitcoin ch. 6): on a new connection we ask for addresses and tell where we listen; getaddr is
/// answered once per connection from a random sample of the address book; fresh addresses are stored and relayed on
/// to two peers. Every address a peer gives us - in addr or as the listen address of its version - costs a token from
/// its bucket (Bitcoin Core's rate limit: a burst of 1,000, then one per 10 s), so a flood fills nothing.
/// </summary>
public sealed class AddressRelay(AddressBook book, Func<PeerAddress> listenAddress, Func<ServiceFlags> services, Announcer peers,
    NodeConfig config, ILogger log)
{
    public const double TokenBurst = 1_000;
    public const double TokensPerSecond = 0.1;
    public const int MaxRelayedEntries = 10;

    /// <summary>Addresses younger than this are relayed on to a couple of peers (older ones are only stored).</summary>
    private static readonly TimeSpan s_fresh = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<Peer, PeerAddrState> _states = new();

    /// <summary>The handshake is done: learn the peer's listen address, ask it for more, tell it ours.</summary>
    public void OnReady(Peer peer)
    {
        var state = StateOf(peer);
        var now = config.Time.GetUtcNow();
        if (!peer.Services.HasFlag(ServiceFlags.Network))
            return;
        if (peer.Inbound && peer.ListenAddress is { } listen && state.Take(now))
            book.Add(listen, NetworkGroup.Of(peer.RemoteIp));
        peer.Send(new GetAddrPayload());
        var own = listenAddress();
        peer.Send(new AddrPayload([new TimestampedAddress(now.ToUnixTimeSeconds(), new NetworkAddress((ulong)services(), own.Host, (ushort)own.Port))]));
    }

    public void OnClosed(Peer peer) => _states.TryRemove(peer, out _);

    public void HandleAddr(Peer peer, AddrPayload addr)
    {
        var state = StateOf(peer);
        var now = config.Time.GetUtcNow();
        var self = listenAddress().Key;
        var fresh = new List<TimestampedAddress>();
        var ignored = 0;
        foreach (var entry in addr.Addresses)
        {
            if (!state.Take(now))
            {
                ignored++;
                continue;
            }

            if (entry.Address.Port == 0 || !((ServiceFlags)entry.Address.Services).HasFlag(ServiceFlags.Network))
                continue;
            var address = new PeerAddress(entry.Address.Host, entry.Address.Port);
            if (address.Key == self)
                continue;
            var seen = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(entry.Timestamp, 0, now.ToUnixTimeSeconds()));
            if (book.Add(address, NetworkGroup.Of(peer.RemoteIp), seen) && now - seen < s_fresh && fresh.Count < MaxRelayedEntries)
                fresh.Add(entry);
        }

        if (ignored > 0)
            log.LogDebug("Ignored {Count} addresses from {Peer}: over its rate limit", ignored, peer);
        if (fresh.Count == 0 || addr.Addresses.Count > MaxRelayedEntries)
            return;
        // Relay fresh news to two other peers, as Bitcoin nodes do, so it spreads without flooding.
        var others = peers.ReadyPeers().Where(p => p != peer && p.Services.HasFlag(ServiceFlags.Network)).ToList();
        for (var i = 0; i < 2 && others.Count > 0; i++)
        {
            var pick = config.Random.Next(others.Count);
            others[pick].Send(new AddrPayload(fresh));
            others.RemoveAt(pick);
        }
    }

    public void HandleGetAddr(Peer peer)
    {
        // Answered once per connection (Bitcoin Core): asking again teaches a scraper nothing more.
        var state = StateOf(peer);
        if (state.AnsweredGetAddr)
            return;
        state.AnsweredGetAddr = true;
        var entries = book.Sample(AddrPayload.MaxAddresses).Select(e => new TimestampedAddress(e.LastSeen.ToUnixTimeSeconds(),
            new NetworkAddress((ulong)ServiceFlags.Network, e.Address.Host, (ushort)e.Address.Port))).ToList();
        if (entries.Count > 0)
            peer.Send(new AddrPayload(entries));
    }

    private PeerAddrState StateOf(Peer peer) => _states.GetOrAdd(peer, _ => new PeerAddrState(config.Time.GetUtcNow()));

    /// <summary>One peer's address tokens; used only from that peer's read loop.</summary>
    private sealed class PeerAddrState(DateTimeOffset now)
    {
        private double _tokens = TokenBurst;
        private DateTimeOffset _refilledAt = now;

        public bool AnsweredGetAddr { get; set; }

        public bool Take(DateTimeOffset at)
        {
            _tokens = Math.Min(TokenBurst, _tokens + (at - _refilledAt).TotalSeconds * TokensPerSecond);
            _refilledAt = at;
            if (_tokens < 1)
                return false;
            _tokens--;
            return true;
        }
    }
}
