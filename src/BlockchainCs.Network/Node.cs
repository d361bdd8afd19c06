using System.Collections.Concurrent;
using System.Net.Sockets;
using BlockchainCs.Core.Chain;
using Microsoft.Extensions.Logging;

namespace BlockchainCs.Network;

/// <summary>
/// Node is the tutorial's server.go as a real peer-to-peer node: it listens, keeps connections to other nodes,
/// answers and relays blocks and transactions, syncs from whichever peer is ahead, and mines when it is a miner.
/// Its parts: <see cref="NodeServer"/> (accept loop), <see cref="Peer"/> (one connection each),
/// <see cref="SyncManager"/> (the single writer), <see cref="Mempool"/>, <see cref="MinerService"/>.
/// </summary>
public sealed partial class Node : IPeerHandler, IAsyncDisposable
{
    private readonly ConcurrentDictionary<Peer, byte> _peers = new();
    private readonly ConcurrentDictionary<Peer, Task> _peerTasks = new();
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _log;
    private readonly BanList _bans;
    private readonly ulong _nonce = (ulong)Random.Shared.NextInt64();
    private readonly CancellationTokenSource _stop = new();
    private NodeServer? _server;
    private MinerService? _minerService;
    private Task _running = Task.CompletedTask;

    public Node(Blockchain chain, NodeConfig config, ILoggerFactory loggers)
    {
        Chain = chain;
        Config = config;
        _loggers = loggers;
        _log = loggers.CreateLogger("Node");
        Mempool = new Mempool(chain);
        Sync = new SyncManager(chain, Mempool, config.Time, loggers.CreateLogger("Sync"), config.OrphanBlockCapacity);
        _bans = new BanList(config.Time);
        Addresses = new AddressBook(config.Time);
        foreach (var seed in config.Seeds)
            Addresses.Add(seed, isSeed: true);
        if (chain.GetSetting(AddressBookSetting) is { } saved)
            Addresses.Load(saved);
    }

    /// <summary>The address book is kept in the chain database so a restart does not need the seeds.</summary>
    private const string AddressBookSetting = "addressbook";

    public void SaveAddressBook() => Chain.SetSetting(AddressBookSetting, Addresses.Serialize());

    public Blockchain Chain { get; }

    public NodeConfig Config { get; }

    public Mempool Mempool { get; }

    public SyncManager Sync { get; }

    public AddressBook Addresses { get; }

    public BanList Bans => _bans;

    /// <summary>The address this node listens on (the real port when the config asked for port 0).</summary>
    public PeerAddress ListenAddress { get; private set; } = new("localhost", 0);

    public IReadOnlyCollection<Peer> Peers => (IReadOnlyCollection<Peer>)_peers.Keys;

    public IEnumerable<Peer> ReadyPeers => _peers.Keys.Where(p => p.HandshakeComplete && p.IsConnected);

    public int BlocksMined => _minerService?.BlocksMined ?? 0;

    /// <summary>Binds the listening socket and starts every loop; returns once the node accepts connections.</summary>
    public void Start()
    {
        _server = NodeServer.Listen(Config.Listen, _log);
        ListenAddress = Config.Listen with { Port = _server.LocalEndPoint.Port };
        var token = _stop.Token;
        var loops = new List<Task>
        {
            Sync.RunAsync(token),
            _server.AcceptLoopAsync(socket => Attach(socket, inbound: true, RemoteOf(socket)), token),
            ConnectLoopAsync(token),
            MaintenanceLoopAsync(token),
        };
        if (Config.MinerPubKeyHash is { } minerHash)
        {
            _minerService = new MinerService(Chain, Mempool, Sync, minerHash, Config.MineMinTransactions, Config.MinerThreads,
                block =>
                {
                    RelayBlocks([block], source: null);
                    return Task.CompletedTask;
                }, _loggers.CreateLogger("Miner"));
            loops.Add(Task.Run(() => _minerService.RunAsync(token), token));
        }

        _running = Task.WhenAll(loops);
        _log.LogInformation("Node listening on {Address}; chain height {Height}, tip {Tip}; signatures by {Backend}; role {Role}",
            ListenAddress, Chain.Tip.Height, Chain.Tip.Hash, Chain.Verifier.Backend.Name, Config.MinerPubKeyHash is null ? "full node" : "miner");
    }

    /// <summary>Runs until <paramref name="cancellationToken"/> fires, then shuts down cleanly.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Start();
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C or SIGTERM.
        }

        await DisposeAsync();
    }

    private static PeerAddress RemoteOf(Socket socket) =>
        socket.RemoteEndPoint is System.Net.IPEndPoint ip ? new PeerAddress(ip.Address.ToString(), ip.Port) : new PeerAddress("unknown", 0);

    private void Attach(Socket socket, bool inbound, PeerAddress remote)
    {
        // Loopback peers share one IP: their bans are checked against the listen address in their version message.
        if (inbound && (_peers.Keys.Count(p => p.Inbound) >= Config.MaxInbound || (!BanList.IsLoopback(remote) && _bans.IsBanned(BanList.KeyOf(remote)))))
        {
            socket.Dispose();
            return;
        }

        var now = Config.Time.GetUtcNow();
        var peer = new Peer(socket, inbound, remote, this, Config.Magic, _loggers.CreateLogger("Peer")) { LastMessageAt = now, ConnectedAt = now };
        _peers[peer] = 0;
        _log.LogInformation("Connected to {Peer}", peer);
        if (!inbound)
            SendVersion(peer);
        _peerTasks[peer] = Task.Run(() => peer.RunAsync(_stop.Token));
    }

    public void OnDisconnected(Peer peer, string reason)
    {
        _peers.TryRemove(peer, out _);
        _peerTasks.TryRemove(peer, out _);
        ForgetRequests(peer);
        // An address that accepts the connection but never completes the handshake backs off like one that refuses it.
        if (!peer.Inbound && !peer.HandshakeComplete && !_stop.IsCancellationRequested)
            Addresses.MarkFailed(peer.Remote, Config.ReconnectDelay, Config.MaxReconnectDelay);
        _log.LogInformation("Disconnected from {Peer}: {Reason}", peer, reason);
    }

    public void OnUnknownCommand(Peer peer, string command) =>
        _log.LogInformation("Ignored unknown command {Command} from {Peer}", command, peer);

    public void OnMisbehaving(Peer peer, string reason) => Punish(peer, reason);

    /// <summary>Disconnects a misbehaving peer and bans its address for <see cref="NodeConfig.BanDuration"/>.</summary>
    public void Punish(Peer peer, string reason)
    {
        var address = peer.Inbound ? peer.ListenAddress ?? peer.Remote : peer.Remote;
        var key = BanList.KeyOf(address);
        // An inbound loopback peer that never said where it listens cannot be told apart from other local nodes: drop it only.
        if (!(peer.Inbound && peer.ListenAddress is null && BanList.IsLoopback(address)))
            _bans.Ban(key, Config.BanDuration);
        _log.LogWarning("Banned {Peer} ({Key}) for {Duration}: {Reason}", peer, key, Config.BanDuration, reason);
        peer.Disconnect($"misbehaving: {reason}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
            return;
        if (_server is null)
        {
            // Never started (e.g. the port was in use): nothing to stop, and nothing to save.
            _stop.Cancel();
            return;
        }

        _log.LogInformation("Shutting down");
        await _stop.CancelAsync();
        _server?.Dispose();
        foreach (var peer in _peers.Keys)
            peer.Disconnect("the node is shutting down");
        SaveAddressBook();
        try
        {
            await _running.WaitAsync(TimeSpan.FromSeconds(10));
            await Task.WhenAll(_peerTasks.Values).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            _log.LogWarning("Some tasks did not stop in time");
        }
    }
}
