using System.Net;
using BlockchainCs.Core.Chain;
using BlockchainCs.Network.Alerts;
using BlockchainCs.Network.Events;
using BlockchainCs.Network.Protocol;
using BlockchainCs.Network.Rpc;
using Microsoft.Extensions.Logging;

namespace BlockchainCs.Network;

/// <summary>
/// Node is the tutorial's server.go as a real peer-to-peer node, wired from parts that each own one concern:
/// <see cref="ConnectionManager"/> (connections), <see cref="Peer"/> (one connection each), <see cref="SyncManager"/>
/// (the single writer and the sync state), <see cref="Mempool"/>, <see cref="AddressRelay"/> and
/// <see cref="AddressBook"/> (discovery), <see cref="PeerDiscipline"/> and <see cref="BanList"/> (misbehaviour),
/// <see cref="MinerService"/>. This file wires them and runs the supervised background loops; Node.Dispatch.cs routes
/// each message to its owner.
/// </summary>
public sealed partial class Node : IPeerHandler, IAsyncDisposable
{
    /// <summary>The address book and ban list are kept in the chain database, so a restart needs neither seeds nor a second offence.</summary>
    private const string AddressBookSetting = "addressbook";
    private const string BanListSetting = "banlist";
    private const string MempoolSetting = "mempool";

    private readonly ILoggerFactory _loggers;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _stopRequested = new();
    private readonly Supervisor _supervisor;
    private readonly ConnectionManager _connections;
    private readonly AddressRelay _addressRelay;
    private readonly MempoolRebroadcaster _rebroadcaster;
    private readonly Announcer _announcer;
    private NodeServer? _server;
    private MinerService? _miner;
    private LocalNode _local;
    private Task _running = Task.CompletedTask;

    public Node(Blockchain chain, NodeConfig config, ILoggerFactory loggers)
    {
        Chain = chain;
        Config = config;
        _loggers = loggers;
        _log = loggers.CreateLogger("Node");
        Mempool = new Mempool(chain, config.Mempool);
        Alerts = new AlertBook(chain.AlertKeys);
        Bans = new BanList(config.Time);
        Addresses = new AddressBook(config.Time, config.Random);
        _connections = new ConnectionManager(config, this, Addresses, Bans, loggers.CreateLogger("Net"));
        var announcer = _announcer = new Announcer(() => _connections.ReadyPeers, id => Mempool.GetEntry(id));
        Discipline = new PeerDiscipline(Bans, _connections.IsLocal, config.BanDuration, loggers.CreateLogger("Net"));
        Sync = new SyncManager(chain, Mempool, config, announcer, Discipline, loggers.CreateLogger("Sync"));
        _addressRelay = new AddressRelay(Addresses, () => ListenAddress, () => Services, announcer, config, loggers.CreateLogger("Net"));
        _supervisor = new Supervisor(config, _log);
        _rebroadcaster = new MempoolRebroadcaster(Mempool, announcer, config.RebroadcastInterval, config.Time.GetUtcNow(), loggers.CreateLogger("Relay"));
        if (chain.GetSetting(AddressBookSetting) is { } savedBook)
            Addresses.Load(savedBook);
        if (chain.GetSetting(BanListSetting) is { } savedBans)
            Bans.Load(savedBans);
        if (chain.GetSetting(AlertsSetting) is { } savedAlerts)
            LoadAlerts(savedAlerts);
        if (chain.GetSetting(MempoolSetting) is { } savedMempool)
        {
            var (restored, dropped) = MempoolFile.Restore(Mempool, savedMempool, config.Time.GetUtcNow());
            if (restored + dropped > 0)
                _log.LogInformation("Mempool loaded: {Restored} transactions back, {Dropped} no longer valid", restored, dropped);
        }
        foreach (var seed in config.Seeds)
            Addresses.AddSeed(seed);
        _local = CreateLocal();
        Events = new NodeEvents(config.Time);
        PublishEvents();
    }

    public Blockchain Chain { get; }

    public NodeConfig Config { get; }

    public Mempool Mempool { get; }

    public SyncManager Sync { get; }

    public AddressBook Addresses { get; }

    public BanList Bans { get; }

    public PeerDiscipline Discipline { get; }

    /// <summary>Background steps that failed and were recovered from (a test injects one).</summary>
    public int LoopFailures => _supervisor.Failures;

    /// <summary>The address this node listens on (the real port when the config asked for port 0).</summary>
    public PeerAddress ListenAddress { get; private set; } = new("localhost", 0);

    public IReadOnlyCollection<Peer> Peers => _connections.Peers;

    public IEnumerable<Peer> ReadyPeers => _connections.ReadyPeers;

    public int BlocksMined => _miner?.BlocksMined ?? 0;

    public bool IsLocal(IPAddress ip) => _connections.IsLocal(ip);

    private ServiceFlags Services => ServiceFlags.Network | ServiceFlags.CompactFilters
        | (Config.ServeBloomFilters ? ServiceFlags.Bloom : ServiceFlags.None)
        | (Config.MinerPubKeyHash is null ? ServiceFlags.None : ServiceFlags.Miner);

    /// <summary>Binds the listening socket and starts every loop; returns once the node accepts connections.</summary>
    public void Start()
    {
        _server = NodeServer.Listen(Config.Listen, _log);
        ListenAddress = Config.Listen with { Port = _server.LocalEndPoint.Port };
        _connections.SetListenIp(_server.LocalEndPoint.Address);
        _local = CreateLocal();
        var token = _stop.Token;
        var upkeep = TimeSpan.FromMilliseconds(Math.Clamp(new[] { Config.PingInterval, Config.PingTimeout, Config.BlockRequestTimeout }.Min().TotalMilliseconds / 4, 50, 1000));
        var dialEvery = Config.ReconnectDelay < TimeSpan.FromSeconds(1) ? Config.ReconnectDelay : TimeSpan.FromSeconds(1);
        var loops = new List<Task>
        {
            Sync.RunAsync(token),
            _server.AcceptLoopAsync(socket => _connections.Accept(socket, token), token),
            _supervisor.RunPeriodicAsync("connections", dialEvery, _ => _connections.DialMore(ListenAddress, token), token),
            _supervisor.RunPeriodicAsync("upkeep", upkeep, now =>
            {
                _connections.Maintain(now);
                _rebroadcaster.Tick(now);
            }, token),
            _supervisor.RunPeriodicAsync("feefilter", Config.FeeFilterInterval, SendFeeFilters, token),
            _supervisor.RunPeriodicAsync("stalls", upkeep, Sync.TickAsync, token),
            _supervisor.RunPeriodicAsync("save", TimeSpan.FromSeconds(30), _ => Save(), token),
        };
        if (Config.MinerPubKeyHash is { } minerHash)
        {
            _miner = new MinerService(Chain, Mempool, Sync, minerHash, Config.MineMinTransactions, Config.MinerThreads, _loggers.CreateLogger("Miner"),
                Config.MaxBlockBytes);
            loops.Add(Task.Run(() => _supervisor.RunAsync("miner", _miner.RunAsync, token), CancellationToken.None));
        }

        _running = Task.WhenAll(loops);
        _connections.DialMore(ListenAddress, token); // the first dials now, not one loop interval later
        _log.LogInformation("Node listening on {Address}; chain height {Height}, tip {Tip}; signatures by {Backend}; role {Role}",
            ListenAddress, Chain.Tip.Height, Chain.Tip.Hash, Chain.Verifier.Backend.Name, Config.MinerPubKeyHash is null ? "full node" : "miner");
    }

    /// <summary>Runs until <paramref name="cancellationToken"/> fires, then shuts down cleanly.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopRequested.Token);
        Start();
        try
        {
            await StartRpcAsync();
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C, SIGTERM or the RPC's stop.
        }
        finally
        {
            await DisposeAsync();
        }
    }

    /// <summary>Starts the JSON-RPC endpoint of <see cref="NodeConfig.Rpc"/>, if any (after <see cref="Start"/>).</summary>
    public async Task StartRpcAsync()
    {
        if (Config.Rpc is not { } rpc || Rpc is not null)
            return;
        Rpc = await RpcServer.StartAsync(rpc, new RpcMethods(this, RequestStop), Events, RpcCookie.Create(rpc.CookiePath), _loggers.CreateLogger("Rpc"));
        _log.LogInformation("RPC listening on {Endpoint} (cookie {Cookie})", Rpc.Endpoint, rpc.CookiePath);
        _log.LogInformation("Live page: {Address}", Rpc.PageAddress);
    }

    /// <summary>Completes when something asked the node to stop (the RPC's stop).</summary>
    public CancellationToken StopRequested => _stopRequested.Token;

    /// <summary>The JSON-RPC endpoint, once started (null with --no-rpc).</summary>
    public RpcServer? Rpc { get; private set; }

    /// <summary>Asks <see cref="RunAsync"/> to shut the node down cleanly (the RPC's stop).</summary>
    public void RequestStop() => _stopRequested.Cancel();

    /// <summary>
    /// The RPC's addnode: dials <paramref name="address"/> now and, unless <paramref name="oneTry"/>, keeps it as a known
    /// node to reconnect to (as a seed). False when it is connected or being dialled already.
    /// </summary>
    public bool AddNode(PeerAddress address, bool oneTry)
    {
        if (!oneTry)
            Addresses.AddSeed(address);
        return _connections.DialNow(address, _stop.Token);
    }

    /// <summary>Bans <paramref name="ip"/> by hand (the RPC's setban) and disconnects its peers; nobody's score is involved.</summary>
    public void BanByHand(IPAddress ip, TimeSpan duration)
    {
        Bans.Ban(ip, duration, "banned by hand (RPC setban)");
        foreach (var peer in _connections.Peers.Where(p => BanList.KeyOf(p.RemoteIp) == BanList.KeyOf(ip)))
            peer.Close("banned by hand");
    }

    /// <summary>Accepts a transaction created on this node (tests, tools) as if a peer had sent it.</summary>
    public Task<TxOutcome> SubmitTransactionAsync(Core.Primitives.Transaction tx) => Sync.SubmitTransactionAsync(tx);

    /// <summary>Saves the address book and the ban list into the chain database.</summary>
    public void Save()
    {
        Chain.SetSetting(AddressBookSetting, Addresses.Serialize());
        Chain.SetSetting(BanListSetting, Bans.Serialize());
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
        if (Rpc is not null)
            await Rpc.DisposeAsync();
        await _stop.CancelAsync();
        _server.Dispose();
        await _connections.ShutdownAsync("the node is shutting down", _running);

        try
        {
            Save();
            Chain.SetSetting(MempoolSetting, MempoolFile.Serialize(Mempool.Entries()));
            Chain.SetSetting(AlertsSetting, SerializeAlerts());
        }
        catch (Core.Chain.StoreException e)
        {
            // A full or read-only disk at shutdown: the chain is safe; only the address book, bans and mempool are not kept.
            _log.LogWarning("Could not keep the address book, bans and mempool: {Reason}", e.Message);
        }
    }

    private LocalNode CreateLocal() => new(Config.Magic, Chain.GenesisHash, Services, ListenAddress, Config.UserAgent, () => Chain.Tip.Height);

}
