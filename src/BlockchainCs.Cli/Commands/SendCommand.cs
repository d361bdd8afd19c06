using System.CommandLine;
using BlockchainCs.Core.Chain;
using BlockchainCs.Core.Mining;
using BlockchainCs.Core.Primitives;
using BlockchainCs.Core.Wallets;
using BlockchainCs.Network;

namespace BlockchainCs.Cli.Commands;

/// <summary>
/// send -from A -to B -amount N [-mine] (cli_send.go). With -mine the block is mined here at once, its coinbase paying
/// the sender; without it the signed transaction goes to the network through the first reachable known node.
/// </summary>
public static class SendCommand
{
    public static Command Create()
    {
        var from = CliOptions.Required("from", "Source wallet address");
        var to = CliOptions.Required("to", "Destination wallet address");
        var amount = new Option<long>("--amount", "-amount") { Description = "Amount to send", Required = true };
        var mine = new Option<bool>("--mine", "-mine") { Description = "Mine the block on this node at once" };
        var seeds = NodeOptions.Seeds();
        var timeout = new Option<int>("--timeout", "-timeout")
        {
            Description = "Seconds to wait for the node to accept the transaction",
            DefaultValueFactory = _ => 15,
        };
        var command = new Command("send", "Send AMOUNT of coins from address FROM to address TO") { from, to, amount, mine, seeds, timeout };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var context = CliOptions.Context(result);
            var fromText = result.GetValue(from)!;
            var fromHash = NodeContext.ParseAddress(fromText, "sender address");
            var toHash = NodeContext.ParseAddress(result.GetValue(to), "recipient address");
            var value = result.GetValue(amount);
            if (value <= 0)
                throw new UserErrorException($"ERROR: the amount must be a positive whole number, not {value}");
            var wallet = context.LoadWallets().Find(fromText)
                ?? throw new UserErrorException($"ERROR: sender '{fromText}' is not in this node's wallet ({context.WalletPath})");

            // With -mine this process writes the chain: it holds the writer lock from before it picks the coins it spends.
            using var writer = result.GetValue(mine) ? context.LockForWriting("send -mine") : null;
            using var chain = context.OpenChain();
            var tx = TransactionBuilder.CreatePayment(wallet, toHash, value, chain.Utxo);
            if (result.GetValue(mine))
            {
                MineLocally(chain, tx, fromHash);
            }
            else
            {
                await TransactionSubmitter.SubmitAsync(tx, NodeOptions.ParseSeeds(result.GetValue(seeds)), chain.GenesisHash,
                    TimeSpan.FromSeconds(Math.Max(1, result.GetValue(timeout))), cancellationToken, height: chain.Tip.Height);
            }

            Console.WriteLine("Success!");
            return 0;
        }));
        return command;
    }

    /// <summary>The tutorial's send -mine: a coinbase to the sender plus the transaction, mined and added here.</summary>
    private static void MineLocally(Blockchain chain, Transaction tx, byte[] minerPubKeyHash)
    {
        var fee = chain.CheckTransaction(tx);
        var candidate = chain.BuildCandidate([tx], minerPubKeyHash, fee);
        var block = new Miner().Mine(candidate) ?? throw new OperationCanceledException();
        chain.AddBlock(block);
    }
}
