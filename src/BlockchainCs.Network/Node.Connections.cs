using System.Net.Sockets;
using BlockchainCs.Network.Protocol.Payloads;
using Microsoft.Extensions.Logging;

namespace BlockchainCs.Network;

/// <summary>Outbound connections (dial the address book up to the target, with back-off) and peer upkeep (handshake deadline, pings).</summary>
public sealed partial class Node
{
    private static readonly TimeSpan DialTimeout = TimeSpan.FromSeconds(5);
    private readonly HashSet<string> _dialing = [];

    private async Task ConnectLoopAsync(CancellationToken cancellationToken)
    {
        var tick = Config.ReconnectDelay < TimeSpan.FromSeconds(1) ? Config.ReconnectDelay : TimeSpan.FromSeconds(1);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                DialMore(cancellationToken);
                await Task.Delay(tick, Config.Time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (Exception e)
            {
                _log.LogError(e, "Connection manager error");
            }
        }
    }

    private void DialMore(CancellationToken cancellationToken)
    {
        int outbound;
        lock (_dialing)
            outbound = _peers.Keys.Count(p => !p.Inbound) + _dialing.Count;
        if (outbound >= Config.MaxOutbound)
            return;
        var connected = new HashSet<string>(_peers.Keys.SelectMany(p => new[] { p.Remote.Key, p.ListenAddress?.Key ?? "" }));
        foreach (var candidate in Addresses.DialCandidates())
        {
            if (outbound >= Config.MaxOutbound)
                break;
            var key = candidate.Key;
            if (key == ListenAddress.Key || connected.Contains(key) || _bans.IsBanned(BanList.KeyOf(candidate)))
                continue;
            lock (_dialing)
                if (!_dialing.Add(key))
                    continue;
            outbound++;
            _ = DialAsync(candidate, cancellationToken);
        }
    }

    private async Task DialAsync(PeerAddress address, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(DialTimeout);
            await address.ConnectAsync(socket, timeout.Token);
            Attach(socket, inbound: false, address);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or IOException)
        {
            socket.Dispose();
            Addresses.MarkFailed(address, Config.ReconnectDelay, Config.MaxReconnectDelay);
            _log.LogDebug("Could not connect to {Address}: {Error}", address, e.Message);
        }
        finally
        {
            lock (_dialing)
                _dialing.Remove(address.Key);
        }
    }

    /// <summary>Drops peers that never finish the handshake or stop answering pings; pings quiet peers.</summary>
    private async Task MaintenanceLoopAsync(CancellationToken cancellationToken)
    {
        var shortest = new[] { Config.HandshakeTimeout, Config.PingInterval, Config.PingTimeout, Config.BlockRequestTimeout }.Min();
        var tick = TimeSpan.FromMilliseconds(Math.Clamp(shortest.TotalMilliseconds / 4, 50, 1000));
        var lastSave = Config.Time.GetUtcNow();
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(tick, Config.Time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            var now = Config.Time.GetUtcNow();
            if (now - lastSave > TimeSpan.FromSeconds(30))
            {
                lastSave = now;
                SaveAddressBook();
            }

            RetryStalledBlockRequests(now);

            foreach (var peer in _peers.Keys)
            {
                if (!peer.HandshakeComplete)
                {
                    if (now - peer.ConnectedAt > Config.HandshakeTimeout)
                        peer.Disconnect("no handshake in time");
                    continue;
                }

                if (peer.PendingPing is not null)
                {
                    if (now - peer.PingSentAt > Config.PingTimeout)
                        peer.Disconnect("stopped answering ping");
                }
                else if (now - peer.LastMessageAt > Config.PingInterval && now - peer.PingSentAt > Config.PingInterval)
                {
                    var nonce = (ulong)Random.Shared.NextInt64();
                    peer.PendingPing = nonce;
                    peer.PingSentAt = now;
                    peer.Send(new PingPayload(nonce));
                }
            }
        }
    }
}
