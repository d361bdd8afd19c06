using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace BlockchainCs.Network;

/// <summary>
/// ConnectionManager owns the connections (btcd's connmgr): it dials the address book up to the outbound target from
/// the IP we listen on, with back-off; accepts inbound connections up to the limit, evicting the least useful inbound
/// peer when all slots are taken; refuses banned IPs; and keeps peers honest (pings, ping timeouts, stalled writes).
/// </summary>
public sealed class ConnectionManager(NodeConfig config, IPeerHandler handler, AddressBook addresses, BanList bans, ILogger log)
{
    private static readonly TimeSpan s_dialTimeout = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<Peer, Task> _peers = new();
    private readonly ConcurrentDictionary<string, byte> _dialing = new();
    private readonly byte[] _evictionKey = RandomKey(config.Random);
    private IPAddress _listenIp = IPAddress.Loopback;

    /// <summary>This node's nonce in the version of inbound connections (outbound ones each get their own).</summary>
    public ulong NodeNonce { get; } = (ulong)config.Random.NextInt64(1, long.MaxValue);

    public IReadOnlyCollection<Peer> Peers => (IReadOnlyCollection<Peer>)_peers.Keys;

    public IEnumerable<Peer> ReadyPeers => _peers.Keys.Where(p => p.IsReady);

    public Task Completion => Task.WhenAll(_peers.Values);

    /// <summary>The IP we listen on: we dial from it, and peers on it are local (disconnected, never banned).</summary>
    public void SetListenIp(IPAddress ip) => _listenIp = ip;

    /// <summary>True for an IP that is this node's own: banning it would ban every local node (and ourselves).</summary>
    public bool IsLocal(IPAddress ip) => ip.Equals(_listenIp)
        || ((_listenIp.Equals(IPAddress.Any) || _listenIp.Equals(IPAddress.IPv6Any)) && IPAddress.IsLoopback(ip));

    public void Accept(Socket socket, CancellationToken stopping)
    {
        var ip = socket.RemoteEndPoint is IPEndPoint end ? (end.Address.IsIPv4MappedToIPv6 ? end.Address.MapToIPv4() : end.Address) : IPAddress.None;
        if (!IsLocal(ip) && bans.IsBanned(ip))
        {
            log.LogDebug("Refused a connection from banned {Ip}", ip);
            socket.Dispose();
            return;
        }

        if (_peers.Keys.Count(p => p.Inbound) >= config.MaxInbound && !EvictInbound())
        {
            log.LogInformation("Refused a connection from {Ip}: all {Max} inbound slots are taken by useful peers", ip, config.MaxInbound);
            socket.Dispose();
            return;
        }

        Attach(socket, inbound: true, new PeerAddress(ip.ToString(), (socket.RemoteEndPoint as IPEndPoint)?.Port ?? 0), NodeNonce, stopping);
    }

    /// <summary>Dials addresses until the outbound target is reached.</summary>
    public void DialMore(PeerAddress self, CancellationToken stopping)
    {
        var outbound = _peers.Keys.Count(p => !p.Inbound) + _dialing.Count;
        if (outbound >= config.MaxOutbound)
            return;
        var connected = new HashSet<string>(_peers.Keys.SelectMany(p => new[] { p.Remote.Key, p.ListenAddress?.Key ?? "" }));
        foreach (var candidate in addresses.DialCandidates())
        {
            if (outbound >= config.MaxOutbound)
                break;
            if (candidate.Key == self.Key || connected.Contains(candidate.Key) || (candidate.Ip is { } ip && !IsLocal(ip) && bans.IsBanned(ip))
                || !_dialing.TryAdd(candidate.Key, 0))
                continue;
            outbound++;
            _ = DialAsync(candidate, stopping);
        }
    }

    /// <summary>
    /// Dials <paramref name="address"/> now, beside the outbound target (the RPC's addnode, as Core's); false when it is
    /// connected or being dialled already.
    /// </summary>
    public bool DialNow(PeerAddress address, CancellationToken stopping)
    {
        if (_peers.Keys.Any(p => p.Remote.Key == address.Key || p.ListenAddress?.Key == address.Key) || !_dialing.TryAdd(address.Key, 0))
            return false;
        _ = DialAsync(address, stopping);
        return true;
    }

    /// <summary>Pings quiet peers, and drops those that stopped answering pings or reading what we send.</summary>
    public void Maintain(DateTimeOffset now)
    {
        foreach (var peer in ReadyPeers)
        {
            if (peer.SendStalledFor(now) > config.Limits.SendStallTimeout)
                peer.Close($"it has not read what we sent for {config.Limits.SendStallTimeout.TotalSeconds:0} s");
            else if (peer.Stats.PingWaiting(now) is { } waiting && waiting > config.PingTimeout)
                peer.Close($"no pong within {config.PingTimeout.TotalSeconds:0} s");
            else if (now - peer.Stats.LastReceive > config.PingInterval)
                peer.Ping((ulong)config.Random.NextInt64(1, long.MaxValue));
        }
    }

    public void Remove(Peer peer) => _peers.TryRemove(peer, out _);

    /// <summary>
    /// A node's shutdown, after its token is cancelled: closes every connection, then waits for its loops
    /// (<paramref name="loops"/>, 10 s) and the connections (5 s), saying so when they do not stop in time.
    /// </summary>
    public async Task ShutdownAsync(string reason, Task loops)
    {
        CloseAll(reason);
        try
        {
            await loops.WaitAsync(TimeSpan.FromSeconds(10));
            await Completion.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            log.LogWarning("Some tasks did not stop in time");
        }
    }

    /// <summary>Closes every connection (shutdown, or a test).</summary>
    public void CloseAll(string reason)
    {
        foreach (var peer in _peers.Keys)
            peer.Close(reason);
    }

    private async Task DialAsync(PeerAddress address, CancellationToken stopping)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            timeout.CancelAfter(s_dialTimeout);
            await address.ConnectAsync(socket, _listenIp, timeout.Token);
            Attach(socket, inbound: false, address, (ulong)config.Random.NextInt64(1, long.MaxValue), stopping);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or IOException)
        {
            socket.Dispose();
            var delay = addresses.MarkFailed(address, config.ReconnectDelay, config.MaxReconnectDelay);
            var reason = e is SocketException s ? s.SocketErrorCode.ToString() : "timed out";
            if (addresses.Get(address) is { IsSeed: true } && !stopping.IsCancellationRequested)
                log.LogWarning("Cannot reach seed {Address} ({Reason}); retrying in {Delay:0.#} s", address, reason, delay.TotalSeconds);
            else
                log.LogDebug("Could not connect to {Address}: {Reason}", address, reason);
        }
        finally
        {
            _dialing.TryRemove(address.Key, out _);
        }
    }

    private void Attach(Socket socket, bool inbound, PeerAddress remote, ulong nonce, CancellationToken stopping)
    {
        var peer = new Peer(socket, inbound, remote, handler, config.Limits) { LocalNonce = nonce };
        _peers[peer] = Task.CompletedTask;
        log.LogDebug("Connected to {Peer}", peer);
        _peers[peer] = Task.Run(() => peer.RunAsync(stopping), CancellationToken.None);
    }

    private bool EvictInbound()
    {
        var candidates = _peers.Keys.Where(p => p.Inbound && !p.IsClosed).Select(p => EvictionCandidate.Of(p, KeyedGroup(p))).ToList();
        if (InboundEviction.Select(candidates) is not { } id || _peers.Keys.FirstOrDefault(p => p.Id == id) is not { } victim)
            return false;
        log.LogInformation("Evicted inbound {Peer} to make room for a new connection", victim);
        victim.Close("evicted to make room for a new connection");
        _peers.TryRemove(victim, out _);
        return true;
    }

    private ulong KeyedGroup(Peer peer)
    {
        var group = System.Text.Encoding.UTF8.GetBytes(NetworkGroup.Of(peer.RemoteIp));
        return BitConverter.ToUInt64(System.Security.Cryptography.HMACSHA256.HashData(_evictionKey, group));
    }

    private static byte[] RandomKey(Random random)
    {
        var key = new byte[16];
        random.NextBytes(key);
        return key;
    }
}
