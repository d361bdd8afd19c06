using BlockchainCs.Core.Consensus;
using BlockchainCs.Core.Crypto;
using BlockchainCs.Core.Primitives;
using BlockchainCs.Core.Serialization;
using BlockchainCs.Network.Protocol;
using BlockchainCs.Network.Protocol.Payloads;
using Microsoft.Extensions.Logging;

namespace BlockchainCs.Network.Spv;

/// <summary>
/// A light (SPV) wallet node, as Mastering Bitcoin's chapter 6 describes one: it keeps headers, not blocks. With each
/// full node it connects to (one that serves bloom filters) it loads a BIP 37 filter built from its wallet's keys, syncs
/// headers first (getheaders, 2,000 at a time, each checked: proof of work at the chain's bits, link, height, time, most
/// work), then asks the sync peer for the filtered blocks it has not scanned; each merkleblock's partial tree must prove
/// the header's Merkle root, and the transactions it matched (which follow as tx) are kept with their block if they
/// are the wallet's. Unconfirmed ones arrive through the filter as inv. A reorganisation moves the transactions of
/// disconnected blocks back to pending until the new branch's filtered blocks confirm them again.
/// </summary>
public sealed partial class SpvNode : IPeerHandler, IAsyncDisposable
{
    private readonly SpvStore _store;
    private readonly SpvConfig _config;
    private readonly ILogger _log;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly ConnectionManager _connections;
    private readonly BanList _bans;
    private readonly Supervisor _supervisor;
    private readonly HashSet<Hash256> _scanned;
    private readonly Dictionary<Hash256, Peer> _inFlight = [];
    private readonly Dictionary<Peer, PendingMerkleBlock> _pending = [];
    private readonly HashSet<Hash256> _knownTransactions;
    private readonly List<Hash256> _unsavedScans = [];
    private readonly HashSet<Hash256> _askedTransactions = [];
    private Peer? _syncPeer;
    private int _scanFrom = 1;
    private Task _running = Task.CompletedTask;
    private long _closedPeersBytes;
    private int _lastToldHeight = -1;

    /// <summary>Transactions asked for and not received yet, at most (32 bytes each).</summary>
    public const int MaxAskedTransactions = 50_000;

    public SpvNode(SpvStore store, SpvWallet wallet, SpvConfig config, ILoggerFactory loggers)
    {
        _store = store;
        _config = config;
        Wallet = wallet;
        _log = loggers.CreateLogger("Spv");
        Headers = new HeaderChain(store, config.Network.Time);
        Alerts = new Alerts.AlertBook(store.AlertKeys);
        _scanned = store.LoadScanned();
        _knownTransactions = [.. store.LoadTransactions().Select(t => t.Transaction.Id)];
        var addresses = new AddressBook(config.Network.Time, config.Network.Random);
        foreach (var seed in config.Network.Seeds)
            addresses.AddSeed(seed);
        _bans = new BanList(config.Network.Time);
        _connections = new ConnectionManager(config.Network, this, addresses, _bans, loggers.CreateLogger("Net"));
        _supervisor = new Supervisor(config.Network, _log);
        // In bloom mode no transaction announcements until the filter is loaded; with compact filters every one (it
        // keeps its own, and asks for all so no node learns which are).
        Local = new LocalNode(config.Network.Magic, store.GenesisHash, ServiceFlags.Spv, null, config.Network.UserAgent, () => Headers.Height,
            Relay: config.Mode == SpvMode.Filters);
    }

    public HeaderChain Headers { get; }

    /// <summary>The chain's alerts this light wallet heard (checked as a full node checks them; shown, never relayed).</summary>
    public Alerts.AlertBook Alerts { get; }

    public SpvWallet Wallet { get; }

    public LocalNode Local { get; }

    public TimeProvider Time => _config.Network.Time;

    public IEnumerable<Peer> ReadyPeers => _connections.ReadyPeers;

    /// <summary>Bytes received from every peer so far (what a light wallet downloads).</summary>
    public long BytesDownloaded => Interlocked.Read(ref _closedPeersBytes) + _connections.Peers.Sum(p => p.Stats.BytesReceived);

    /// <summary>True when every best-chain block is scanned and nothing is awaited.</summary>
    public bool IsSynced
    {
        get
        {
            lock (_gate)
            {
                return _inFlight.Count == 0 && _pending.Count == 0 && _blocksInFlight.Count == 0 && _filtersInFlight.Count == 0
                    && (!UsesFilters || (_round is null && _filterHeaders.Count == Headers.Height + 1)) && UnscannedLocked(1).Count == 0;
            }
        }
    }

    /// <summary>The IPs banned for lying (compact filters mode).</summary>
    public BanList Bans => _bans;

    public List<WalletTransaction> Transactions()
    {
        lock (_gate)
            return _store.LoadTransactions();
    }

    public void Start()
    {
        var token = _stop.Token;
        var self = new PeerAddress("localhost", 0);
        var upkeep = TimeSpan.FromMilliseconds(Math.Clamp(_config.Network.PingInterval.TotalMilliseconds / 4, 50, 1000));
        _running = Task.WhenAll(
            _supervisor.RunPeriodicAsync("connections", TimeSpan.FromMilliseconds(Math.Min(1000, _config.Network.ReconnectDelay.TotalMilliseconds)),
                _ => _connections.DialMore(self, token), token),
            _supervisor.RunPeriodicAsync("upkeep", upkeep, now => _connections.Maintain(now), token));
        _connections.DialMore(self, token); // the first dials now, not one loop interval later
        _log.LogInformation("Light wallet node: {Headers} headers, height {Height}, tip {Tip}; {Wallets} address(es); {Mode}",
            Headers.Count, Headers.Height, Headers.Tip.Hash, Wallet.Wallets.Count, UsesFilters
                ? "compact filters (BIP 157/158), tested here"
                : $"bloom filter (BIP 37), false-positive rate {_config.FalsePositiveRate}");
    }

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
        finally
        {
            await DisposeAsync();
        }
    }

    // The handshake.

    public string? AcceptVersion(Peer peer, VersionPayload version) => null;

    public void OnReady(Peer peer)
    {
        var needed = UsesFilters ? ServiceFlags.CompactFilters : ServiceFlags.Bloom;
        if (!peer.Services.HasFlag(ServiceFlags.Network) || !peer.Services.HasFlag(needed))
        {
            peer.Close($"it does not serve blocks with {(UsesFilters ? "compact filters" : "bloom filters")} (a light wallet needs both)");
            return;
        }

        _log.LogInformation("Connected to {Peer}: height {Height}", peer, peer.Stats.BestHeight);
        if (!UsesFilters)
        {
            var filter = Wallet.CreateFilter(_config.FalsePositiveRate, (uint)_config.Network.Random.NextInt64(0, uint.MaxValue));
            peer.Send(new FilterLoadPayload(filter.Data, filter.HashFunctions, filter.Tweak, (byte)filter.Flags));
        }

        lock (_gate)
            _syncPeer ??= peer;
        peer.Send(new GetHeadersPayload(VersionPayload.CurrentProtocolVersion, Headers.Locator(), Hash256.Zero));
        peer.Send(new MempoolPayload()); // what waits unconfirmed for us, through the filter
    }

    public void OnClosed(Peer peer)
    {
        _connections.Remove(peer);
        Interlocked.Add(ref _closedPeersBytes, peer.Stats.BytesReceived);
        lock (_gate)
        {
            _pending.Remove(peer);
            foreach (var hash in _inFlight.Where(e => e.Value == peer).Select(e => e.Key).ToList())
                _inFlight.Remove(hash);
            foreach (var hash in _blocksInFlight.Where(e => e.Value == peer).Select(e => e.Key).ToList())
                _blocksInFlight.Remove(hash);
            if (_round?.Answers.ContainsKey(peer) == true)
                _round = null; // asked again of the peers that remain
            if (_syncPeer == peer)
                _filtersInFlight.Clear();
            if (_syncPeer == peer)
                _syncPeer = _connections.ReadyPeers.FirstOrDefault(p => p != peer);
            if (_syncPeer is { } next && !_stop.IsCancellationRequested)
                RequestBlocksLocked(next);
        }

        if (peer.Version is not null)
            _log.LogInformation("Disconnected from {Peer}: {Reason}", peer, peer.CloseReason);
    }

    // Messages.

    public ValueTask HandleAsync(Peer peer, IPayload payload, int size, CancellationToken cancellationToken)
    {
        switch (payload)
        {
            case PingPayload ping:
                peer.Send(new PongPayload(ping.Nonce));
                break;
            case PongPayload pong:
                peer.Stats.Pong(pong.Nonce, Time.GetUtcNow());
                break;
            case HeadersPayload headers:
                OnHeaders(peer, headers);
                break;
            case MerkleBlockPayload merkleBlock:
                OnMerkleBlock(peer, merkleBlock);
                break;
            case TxPayload tx:
                OnTransaction(peer, tx.Transaction);
                break;
            case InvPayload inv:
                OnInventory(peer, inv);
                break;
            case CFHeadersPayload cfheaders:
                OnFilterHeaders(peer, cfheaders);
                break;
            case CFilterPayload cfilter:
                OnFilter(peer, cfilter);
                break;
            case BlockPayload block:
                OnBlock(peer, block.Block);
                break;
            case AlertPayload alert:
                OnAlert(peer, alert);
                break;
            default:
                _log.LogDebug("Ignored {Command} from {Peer}", payload.Command, peer);
                break;
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Shows a correctly signed alert in the log; a forged one is the sender's misbehaviour. A wallet made before
    /// alerts existed (no keys kept) ignores them rather than blame the full nodes that relay them.
    /// </summary>
    private void OnAlert(Peer peer, AlertPayload alert)
    {
        if (Alerts.Keys is null)
            return;
        var outcome = Alerts.Accept(alert, Time.GetUtcNow());
        if (outcome.Verdict == Network.Alerts.AlertVerdict.Accepted && alert.Parsed.AppliesTo(VersionPayload.CurrentProtocolVersion))
        {
            Network.Alerts.AlertLog.Show(_log, alert.Parsed);
        }
        else if (outcome.Verdict == Network.Alerts.AlertVerdict.Invalid)
        {
            OnMisbehaving(peer, Offence.InvalidAlert, outcome.Reason);
        }
    }

    private void OnHeaders(Peer peer, HeadersPayload message)
    {
        if (message.Headers.Count > 0)
            peer.Stats.RaiseBestHeight(message.Headers[^1].Height);
        lock (_gate)
        {
            List<Hash256> disconnected, connected;
            try
            {
                (disconnected, connected) = Headers.Add(message.Headers);
            }
            catch (HeaderException e)
            {
                OnMisbehaving(peer, e.Offence, e.Message);
                if (e.Offence == Offence.UnconnectingHeaders && !peer.IsClosed)
                    peer.Send(new GetHeadersPayload(VersionPayload.CurrentProtocolVersion, Headers.Locator(), Hash256.Zero));
                return;
            }

            if (connected.Count > 0)
            {
                var fork = Headers.Get(connected[0])!.Height;
                _scanFrom = Math.Min(_scanFrom, fork);
                if (disconnected.Count > 0)
                    ForgetFilterHeadersFromLocked(fork);
            }

            if (disconnected.Count > 0)
            {
                _log.LogWarning("Reorganisation: {Left} block(s) left the best chain, {Joined} joined; their transactions are pending until confirmed again",
                    disconnected.Count, connected.Count);
            }

            if (message.Headers.Count == HeadersPayload.MaxHeaders)
            {
                // More follow: ask from where this batch ended.
                peer.Send(new GetHeadersPayload(VersionPayload.CurrentProtocolVersion, Headers.Locator(), Hash256.Zero));
            }
            else if (connected.Count > 0 || _lastToldHeight < 0)
            {
                _log.LogInformation("Headers synced to height {Height}, tip {Tip} ({Count} headers kept)", Headers.Height, Headers.Tip.Hash, Headers.Count);
            }

            RequestBlocksLocked(_syncPeer ?? peer);
            TellConfirmationsLocked();
        }
    }

    /// <summary>Moves the scan on: filter headers and filters (compact filters mode), or filtered blocks (bloom mode).</summary>
    private void RequestBlocksLocked(Peer peer)
    {
        if (UsesFilters)
        {
            RequestFilterHeadersLocked();
            RequestFiltersLocked();
        }
        else
        {
            RequestFilteredBlocksLocked(peer);
        }
    }

    /// <summary>Asks the sync peer for the best-chain blocks not scanned yet, filtered, at most <see cref="SpvConfig.MaxBlocksInFlight"/> at once.</summary>
    private void RequestFilteredBlocksLocked(Peer peer)
    {
        if (peer.IsClosed || _inFlight.Count >= _config.MaxBlocksInFlight / 2)
            return;
        var wanted = UnscannedLocked(_config.MaxBlocksInFlight - _inFlight.Count);
        if (wanted.Count == 0)
            return;
        foreach (var hash in wanted)
            _inFlight[hash] = peer;
        peer.Send(new GetDataPayload([.. wanted.Select(h => new InventoryVector(InventoryType.FilteredBlock, h))]));
    }

    private List<Hash256> UnscannedLocked(int max)
    {
        // Everything below the cursor is scanned; it only moves back when a reorganisation replaces blocks below it.
        while (_scanFrom <= Headers.Height && _scanned.Contains(Headers.HashAt(_scanFrom)!.Value))
            _scanFrom++;
        var wanted = new List<Hash256>();
        for (var height = _scanFrom; height <= Headers.Height && wanted.Count < max; height++)
        {
            var hash = Headers.HashAt(height)!.Value;
            if (!_scanned.Contains(hash) && !_inFlight.ContainsKey(hash) && !_blocksInFlight.ContainsKey(hash) && !_pending.Values.Any(p => p.Block == hash))
                wanted.Add(hash);
        }

        return wanted;
    }

    private void OnMerkleBlock(Peer peer, MerkleBlockPayload message)
    {
        var hash = message.Header.Hash;
        lock (_gate)
        {
            FinishPendingLocked(peer);
            if (!_inFlight.Remove(hash, out var askedOf) || askedOf != peer)
            {
                // Nothing unrequested is kept.
                _log.LogDebug("Ignored an unrequested merkleblock {Hash} from {Peer}", hash, peer);
                return;
            }

            var tree = PartialMerkleTree.FromParts(message.TotalTransactions, message.Hashes, message.Flags);
            var proof = tree.ExtractMatches();
            if (proof is not { } extracted || extracted.Root != message.Header.MerkleRoot || Headers.Get(hash) is null)
            {
                OnMisbehaving(peer, Offence.InvalidBlock, $"merkleblock {hash}: its partial Merkle tree does not prove the header's Merkle root");
                return;
            }

            var expected = new Dictionary<Hash256, int>();
            for (var i = 0; i < extracted.Matches.Count; i++)
                expected[extracted.Matches[i]] = extracted.Positions[i];
            var pending = new PendingMerkleBlock(hash, expected, expected.Count == 0 ? [] : ProofBytes(message));
            if (expected.Count == 0)
                CompleteLocked(pending);
            else
                _pending[peer] = pending;
            RequestFilteredBlocksLocked(peer);
        }
    }

    private void OnTransaction(Peer peer, Transaction tx)
    {
        lock (_gate)
        {
            if (_pending.TryGetValue(peer, out var pending) && pending.Expected.Remove(MerkleTree.LeafHash(tx), out var position))
            {
                if (Wallet.IsRelevant(tx))
                    pending.Received.Add((tx, position));
                if (pending.Expected.Count == 0)
                {
                    _pending.Remove(peer);
                    CompleteLocked(pending);
                }

                return;
            }

            // A loose transaction: kept only if we asked for it (after its inv) and it is ours (not a false positive).
            if (!_askedTransactions.Remove(tx.Id) || !Wallet.IsRelevant(tx) || !_knownTransactions.Add(tx.Id))
                return;
            _store.SaveUnconfirmed(tx, Time.GetUtcNow());
            _log.LogInformation("Wallet transaction {TxId}: {Amounts}, pending (unconfirmed)", tx.Id, Describe(tx));
        }
    }

    private void OnInventory(Peer peer, InvPayload inv)
    {
        if (inv.Items.Any(i => i.Type == InventoryType.Block))
            peer.Send(new GetHeadersPayload(VersionPayload.CurrentProtocolVersion, Headers.Locator(), Hash256.Zero));
        List<InventoryVector> wanted;
        lock (_gate)
        {
            wanted = [.. inv.Items.Where(i => i.Type == InventoryType.Tx && !_knownTransactions.Contains(i.Hash)).Take(InventoryList.MaxItems)];
            // Bounded: answers that never come are forgotten wholesale rather than kept forever.
            if (_askedTransactions.Count + wanted.Count > MaxAskedTransactions)
                _askedTransactions.Clear();
            _askedTransactions.UnionWith(wanted.Select(i => i.Hash));
        }

        if (wanted.Count > 0)
            peer.Send(new GetDataPayload(wanted));
    }

    /// <summary>A merkleblock whose transactions did not all follow before the next message: what came is kept.</summary>
    private void FinishPendingLocked(Peer peer)
    {
        if (_pending.Remove(peer, out var pending))
            CompleteLocked(pending);
    }

    private void CompleteLocked(PendingMerkleBlock pending)
    {
        // A block with a wallet transaction is saved at once; marks of blocks with none are saved 100 at a time (or when
        // the scan pauses): after a crash those few are scanned again, which changes nothing.
        if (pending.Received.Count > 0)
            _store.SaveFilteredBlock(pending.Block, pending.Received, pending.Proof, Time.GetUtcNow());
        else
            _unsavedScans.Add(pending.Block);
        _scanned.Add(pending.Block);
        if (_unsavedScans.Count >= 100 || (_inFlight.Count == 0 && _filtersInFlight.Count == 0))
            SaveScansLocked();
        var height = Headers.Get(pending.Block)?.Height ?? -1;
        foreach (var (tx, _) in pending.Received)
        {
            _knownTransactions.Add(tx.Id);
            _log.LogInformation("Wallet transaction {TxId}: {Amounts}, in block {Height} (1/{Wanted} confirmations)", tx.Id, Describe(tx), height,
                SpvWallet.DefaultMinConfirmations);
        }

        if (_inFlight.Count == 0 && _pending.Count == 0 && _filtersInFlight.Count == 0 && _blocksInFlight.Count == 0
            && UnscannedLocked(1).Count == 0 && _lastToldHeight != Headers.Height)
        {
            _lastToldHeight = Headers.Height;
            _log.LogInformation("Scanned to height {Height}: {Count} wallet transaction(s) known; {Bytes} bytes downloaded", Headers.Height,
                _knownTransactions.Count, BytesDownloaded);
        }
    }

    private void SaveScansLocked()
    {
        if (_unsavedScans.Count == 0)
            return;
        _store.SaveScanned(_unsavedScans);
        _unsavedScans.Clear();
    }

    /// <summary>Each wallet transaction still short of the confirmations wanted says how many it has, once per new tip.</summary>
    private void TellConfirmationsLocked()
    {
        foreach (var tx in _store.LoadTransactions().Where(t => t.Depth is > 1 and <= SpvWallet.DefaultMinConfirmations))
            _log.LogInformation("Transaction {TxId}: {Depth}/{Wanted} confirmations", tx.Transaction.Id, tx.Depth, SpvWallet.DefaultMinConfirmations);
    }

    private string Describe(Transaction tx) =>
        string.Join(", ", tx.Outputs.Where(o => Wallet.Owns(o.PubKeyHash)).Select(o => $"+{o.Value} to {Address.FromPubKeyHash(o.PubKeyHash)}")
            .DefaultIfEmpty("spends our coins"));

    private static byte[] ProofBytes(MerkleBlockPayload message)
    {
        var writer = new ByteWriter();
        message.Write(writer);
        return writer.ToArray();
    }

    public void OnUnknownCommand(Peer peer, string command, int size) =>
        _log.LogDebug("Ignored unknown command {Command} ({Size} bytes) from {Peer}", SafeText.Sanitize(command), size, peer);

    /// <summary>A light wallet punishes by leaving: the peer is disconnected (and its IP kept away for a while by the ban list).</summary>
    public void OnMisbehaving(Peer peer, Offence offence, string detail)
    {
        _log.LogWarning("Disconnected {Peer} for {Offence}: {Detail}", peer, offence, SafeText.Sanitize(detail, 200));
        peer.Close($"misbehaving: {offence}");
    }

    public void OnError(Peer peer, Exception error) => _log.LogError(error, "Unexpected error handling {Peer}; disconnecting it", peer);

    /// <summary>A light wallet serves nothing.</summary>
    public bool Respond(Peer peer, InventoryVector item, List<byte[]> responses) => false;

    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
            return;
        _log.LogInformation("Shutting down; {Bytes} bytes downloaded from peers; {Learned}", BytesDownloaded, UsesFilters
            ? $"what serving nodes could learn: {WholeBlocksFetched} whole block(s) fetched (compact filters)"
            : $"what serving nodes could learn: its bloom filter, which matches its addresses (BIP 37)");
        await _stop.CancelAsync();
        lock (_gate)
            SaveScansLocked();
        await _connections.ShutdownAsync("the light wallet is shutting down", _running);
    }

}
