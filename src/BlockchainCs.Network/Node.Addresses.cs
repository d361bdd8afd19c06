using BlockchainCs.Network.Protocol;
using BlockchainCs.Network.Protocol.Payloads;
using Microsoft.Extensions.Logging;

namespace BlockchainCs.Network;

/// <summary>Discovery (Mastering Bitcoin ch. 6): getaddr is answered from the address book, fresh addr entries are kept and relayed on.</summary>
public sealed partial class Node
{
    /// <summary>At most this many addresses are taken from one peer per <see cref="AddrWindow"/>; the rest of a flood is ignored.</summary>
    private const int MaxAddressesPerWindow = 1_000;

    private static readonly TimeSpan AddrWindow = TimeSpan.FromMinutes(10);

    /// <summary>Addresses younger than this are relayed on to a couple of peers (older ones are only stored).</summary>
    private static readonly TimeSpan FreshAddress = TimeSpan.FromMinutes(10);

    private void HandleAddr(Peer peer, AddrPayload addr)
    {
        var now = Config.Time.GetUtcNow();
        if (now - peer.AddrWindowStart > AddrWindow)
        {
            peer.AddrWindowStart = now;
            peer.AddrReceivedInWindow = 0;
        }

        var fresh = new List<TimestampedAddress>();
        foreach (var entry in addr.Addresses)
        {
            if (peer.AddrReceivedInWindow >= MaxAddressesPerWindow)
            {
                _log.LogInformation("Ignoring the rest of an addr flood from {Peer}", peer);
                break;
            }

            peer.AddrReceivedInWindow++;
            if (entry.Address.Port == 0 || !((ServiceFlags)entry.Address.Services).HasFlag(ServiceFlags.Network))
                continue;
            var address = new PeerAddress(entry.Address.Host, entry.Address.Port);
            if (address.Key == ListenAddress.Key)
                continue;
            var seen = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(entry.Timestamp, 0, now.ToUnixTimeSeconds()));
            if (Addresses.Add(address, lastSeen: seen) && now - seen < FreshAddress)
                fresh.Add(entry);
        }

        if (fresh.Count == 0)
            return;
        // Relay fresh news to two other peers, as Bitcoin nodes do, so it spreads without flooding.
        foreach (var other in ReadyPeers.Where(p => p != peer && p.Version!.Services != 0).OrderBy(_ => Random.Shared.Next()).Take(2))
            other.Send(new AddrPayload(fresh));
    }

    private void HandleGetAddr(Peer peer)
    {
        if (peer.AnsweredGetAddr)
            return;
        peer.AnsweredGetAddr = true;
        var entries = Addresses.Entries().OrderByDescending(e => e.LastSeen).Take(AddrPayload.MaxAddresses)
            .Select(e => new TimestampedAddress(e.LastSeen.ToUnixTimeSeconds(), new NetworkAddress((ulong)ServiceFlags.Network, e.Address.Host, (ushort)e.Address.Port)))
            .ToList();
        if (entries.Count > 0)
            peer.Send(new AddrPayload(entries));
    }
}
