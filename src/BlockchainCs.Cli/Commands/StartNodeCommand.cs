using System.CommandLine;
using BlockchainCs.Cli.Logging;
using BlockchainCs.Core.Chain;
using BlockchainCs.Network;
using BlockchainCs.Network.Spv;
using Microsoft.Extensions.Logging;

namespace BlockchainCs.Cli.Commands;

/// <summary>startnode [-miner ADDR]: runs the node until Ctrl-C or SIGTERM, then shuts down cleanly (cli_startnode.go).</summary>
public static class StartNodeCommand
{
    public const string Name = "startnode";

    public static Command Create()
    {
        var miner = new Option<string?>("--miner", "-miner") { Description = "Enable mining and send the rewards to ADDRESS" };
        var seeds = NodeOptions.Seeds();
        var listen = new Option<string?>("--listen", "-listen") { Description = "HOST:PORT to listen on [default: localhost:NODE_ID]" };
        var minTxs = new Option<int>("--mine-min-txs", "-mine-min-txs")
        {
            Description = "The miner starts a block when the mempool holds this many transactions",
            DefaultValueFactory = _ => 2,
        };
        var maxOutbound = new Option<int>("--max-outbound", "-max-outbound") { Description = "Outbound connections to keep", DefaultValueFactory = _ => 8 };
        var maxInbound = new Option<int>("--max-inbound", "-max-inbound") { Description = "Inbound connections to accept", DefaultValueFactory = _ => 125 };
        var banMinutes = new Option<int>("--ban-minutes", "-ban-minutes") { Description = "How long a misbehaving peer is banned", DefaultValueFactory = _ => 60 };
        var threads = new Option<int>("--miner-threads", "-miner-threads") { Description = "Mining threads [default: all cores]" };
        var verbose = new Option<bool>("--verbose", "-verbose") { Description = "Log debugging detail of every category (pings, each message, failed dials, …)" };
        var debug = new Option<string[]>("--debug", "-debug")
        {
            Description = $"Log debugging detail of one category (repeatable): {string.Join(", ", LogFilter.Categories)} or all",
            AllowMultipleArgumentsPerToken = false,
        };
        var rpcBind = new Option<string?>("--rpc-bind", "-rpc-bind") { Description = "HOST:PORT of the JSON-RPC endpoint [default: 127.0.0.1:NODE_ID+10000]" };
        var noRpc = new Option<bool>("--no-rpc", "-no-rpc") { Description = "Serve no JSON-RPC endpoint" };
        var noBloom = new Option<bool>("--no-bloom-filters", "-no-bloom-filters")
        {
            Description = "Serve no BIP 37 bloom filters to light wallets (a peer that sends one is disconnected)",
        };
        var spv = new Option<bool>("--spv", "-spv")
        {
            Description = "Run a light (SPV) wallet node: headers and this wallet's transactions only, through BIP 37 filters",
        };
        var bloom = new Option<bool>("--bloom", "-bloom")
        {
            Description = "Light wallet: find its blocks with a BIP 37 bloom filter given to full nodes, instead of compact filters (BIP 157/158)",
        };
        var filters = new Option<bool>("--filters", "-filters")
        {
            Description = "Light wallet: find its blocks with compact filters (BIP 157/158), tested here (the default)",
        };
        var bloomFp = new Option<double>("--bloom-fp", "-bloom-fp")
        {
            Description = "Light wallet: the filter's false-positive rate",
            DefaultValueFactory = _ => 0.0001,
        };
        var rpcAllowRemote = new Option<bool>("--rpc-allow-remote", "-rpc-allow-remote")
        {
            Description = "Let -rpc-bind use an address other than loopback (whoever reaches it with the cookie controls the node)",
        };
        var maxMempool = new Option<int>("--max-mempool", "-max-mempool") { Description = "The mempool's memory budget in MB: when full it evicts the lowest fee rates", DefaultValueFactory = _ => 50 };
        var mempoolExpiry = new Option<int>("--mempool-expiry", "-mempool-expiry") { Description = "Hours a transaction may wait unconfirmed in the mempool", DefaultValueFactory = _ => 336 };
        var minRelayFee = new Option<long>("--min-relay-fee", "-min-relay-fee") { Description = "The lowest fee rate (coins per 1,000 bytes) accepted and relayed [default: 0, as in the tutorial]" };
        var maxBlockBytes = new Option<int>("--max-block-bytes", "-max-block-bytes") { Description = "The largest block this node mines, in bytes (a payment is about 200; 250 hold only the header and coinbase)", DefaultValueFactory = _ => 1_000_000 };
        var command = new Command(Name, "Start a node with ID specified in NODE_ID env. var. -miner enables mining.\n\nExample: blockchain_cs startnode -miner $MINER_WALLET   (NODE_ID=3002)")
        {
            miner, seeds, listen, minTxs, maxOutbound, maxInbound, banMinutes, threads, verbose, debug, rpcBind, noRpc, rpcAllowRemote, noBloom, spv, filters, bloom, bloomFp,
            maxMempool, mempoolExpiry, minRelayFee, maxBlockBytes,
        };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            // SIGTERM and Ctrl-C (SIGINT) at any moment, the first instant included, cancel this token (Shutdown): a clean
            // shutdown, exit 0.
            var context = CliOptions.Context(result);
            var minerAddress = result.GetValue(miner);
            var minerHash = minerAddress is null ? null : NodeContext.ParseAddress(minerAddress, "miner address");
            var config = new NodeConfig
            {
                Listen = NodeOptions.ParseListen(result.GetValue(listen), context),
                Seeds = NodeOptions.ParseSeeds(result.GetValue(seeds)),
                MinerPubKeyHash = minerHash,
                MineMinTransactions = Positive(result.GetValue(minTxs), "--mine-min-txs"),
                MaxOutbound = Positive(result.GetValue(maxOutbound), "--max-outbound"),
                MaxInbound = Positive(result.GetValue(maxInbound), "--max-inbound"),
                BanDuration = TimeSpan.FromMinutes(Positive(result.GetValue(banMinutes), "--ban-minutes")),
                MinerThreads = Math.Max(0, result.GetValue(threads)),
                ServeBloomFilters = !result.GetValue(noBloom),
                Mempool = new MempoolPolicy
                {
                    MaxBytes = Positive(result.GetValue(maxMempool), "--max-mempool") * 1_000_000L,
                    Expiry = TimeSpan.FromHours(Positive(result.GetValue(mempoolExpiry), "--mempool-expiry")),
                    MinRelayFee = new Core.Primitives.FeeRate(result.GetValue(minRelayFee) >= 0 ? result.GetValue(minRelayFee)
                        : throw new UserErrorException("--min-relay-fee must be 0 or more coins per 1,000 bytes")),
                },
                MaxBlockBytes = BlockBytes(result.GetValue(maxBlockBytes)),
                Rpc = result.GetValue(noRpc) ? null : NodeOptions.ParseRpc(result.GetValue(rpcBind), result.GetValue(rpcAllowRemote), context),
            };

            if (result.GetValue(spv))
            {
                if (minerHash is not null)
                    throw new UserErrorException("a light wallet does not mine: -spv and -miner do not go together");
                var rate = result.GetValue(bloomFp);
                if (rate is <= 0 or >= 1)
                    throw new UserErrorException($"--bloom-fp must be between 0 and 1 (like 0.0001), not {rate}");
                if (result.GetValue(bloom) && result.GetValue(filters))
                    throw new UserErrorException("--filters and --bloom are two ways to find a light wallet's blocks: choose one");
                var mode = result.GetValue(bloom) ? SpvMode.Bloom : SpvMode.Filters;
                return await LightWalletNode.RunAsync(context, new SpvConfig { Network = config with { Rpc = null }, FalsePositiveRate = rate, Mode = mode },
                    new LogFilter(result.GetValue(verbose), Categories(result.GetValue(debug))), cancellationToken);
            }

            // One writer per database: refused at once, naming the node, when another node runs on it.
            using var writer = context.LockForWriting($"{WriterLock.NodeHolderPrefix} listening on {config.Listen}", command: Name);
            using var loggers = CreateLoggers(new LogFilter(result.GetValue(verbose), Categories(result.GetValue(debug))));
            var log = loggers.CreateLogger("Node");
            Console.WriteLine($"Starting node {context.NodeId}");
            if (minerAddress is not null)
                Console.WriteLine($"Mining is on. Address to receive rewards: {minerAddress}");
            if (Core.Crypto.Secp256k1.IsFallback)
                log.LogWarning("Signatures are checked by the slower pure C# backend ({Backend}): {Hint}", Core.Crypto.Secp256k1.Default.Name, Core.Crypto.Secp256k1.InstallHint);

            using var chain = context.WriteChain(loggers.CreateLogger("Chain"));
            await using var node = new Node(chain, config, loggers);
            await node.RunAsync(cancellationToken);
            log.LogInformation("Node stopped at height {Height}", chain.Tip.Height);
            return 0;
        }));
        return command;
    }

    /// <summary>A block must hold its header and coinbase (under 250 bytes) and stay within the chain's limit.</summary>
    private static int BlockBytes(int value) => value is >= 250 and <= Core.Consensus.ChainParameters.MaxBlockSize ? value
        : throw new UserErrorException($"--max-block-bytes must be between 250 and {Core.Consensus.ChainParameters.MaxBlockSize:N0}, not {value}");

    private static int Positive(int value, string name) =>
        value > 0 ? value : throw new UserErrorException($"{name} must be a positive number");

    private static string[] Categories(string[]? values)
    {
        foreach (var value in values ?? [])
            if (value != "all" && !LogFilter.Categories.Contains(value))
                throw new UserErrorException($"-debug '{value}' is not a category; use one of {string.Join(", ", LogFilter.Categories)} or all");
        return values ?? [];
    }

    internal static ILoggerFactory CreateLoggers(LogFilter filter) => LoggerFactory.Create(builder => builder
        .SetMinimumLevel(LogLevel.Debug)
        .AddProvider(new CompactConsoleLoggerProvider(filter, TimeProvider.System)));
}
