using BlockchainCs.Cli.Logging;
using BlockchainCs.Core.Chain;
using BlockchainCs.Network.Spv;
using Microsoft.Extensions.Logging;

namespace BlockchainCs.Cli.Commands;

/// <summary>
/// startnode -spv: a light wallet node on spv_NODE_ID.db. Its first start takes the chain's genesis block and target
/// bits from blockchain_NODE_ID.db — the copy of the genesis database every tutorial node starts from — and the
/// light database keeps only headers and the wallet's transactions from then on.
/// </summary>
public static class LightWalletNode
{
    public static async Task<int> RunAsync(NodeContext context, SpvConfig config, LogFilter filter, CancellationToken cancellationToken)
    {
        var wallets = context.LoadWallets().Wallets;
        if (wallets.Count == 0)
            throw new UserErrorException($"a light wallet needs addresses to watch and {context.WalletPath} has none; create one first: blockchain_cs createwallet");
        var creating = !context.IsLightWallet;
        if (creating && !File.Exists(context.DatabasePath))
        {
            throw new UserErrorException($"a light wallet starts from the chain's genesis block: copy it first " +
                $"(cp blockchain_genesis.db {Path.GetFileName(context.DatabasePath)}), as for any node");
        }

        using var writer = WriterLock.Acquire(context.LightWalletPath, $"{WriterLock.NodeHolderPrefix} light wallet", NodeContext.WriterWait, creating);
        using var store = creating ? CreateStore(context) : SpvStore.Open(context.LightWalletPath);
        using var loggers = StartNodeCommand.CreateLoggers(filter);
        var log = loggers.CreateLogger("Spv");
        Console.WriteLine($"Starting light wallet node {context.NodeId}");
        if (creating)
            log.LogInformation("Created {Path} from the genesis block of {Source}", context.LightWalletPath, context.DatabasePath);
        await using var node = new SpvNode(store, new SpvWallet(wallets), config, loggers);
        await node.RunAsync(cancellationToken);
        log.LogInformation("Light wallet stopped at height {Height}; {Bytes} bytes of database", node.Headers.Height, store.FileBytes);
        return 0;
    }

    private static SpvStore CreateStore(NodeContext context)
    {
        using var chain = context.ReadChain();
        return SpvStore.Create(context.LightWalletPath, chain.GetBlock(chain.GenesisHash)!, chain.Parameters.TargetBits);
    }
}
