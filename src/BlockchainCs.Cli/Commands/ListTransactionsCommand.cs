using System.CommandLine;
using BlockchainCs.Core.Crypto;
using BlockchainCs.Network.Spv;

namespace BlockchainCs.Cli.Commands;

/// <summary>listtransactions: a light wallet's transactions, each with its amount for the wallet, block, depth and state.</summary>
public static class ListTransactionsCommand
{
    public static Command Create()
    {
        var command = new Command("listtransactions", "List the light wallet's transactions (startnode -spv): amount, block height, depth, state.\n\nExample: NODE_ID=3003 blockchain_cs listtransactions");
        command.SetAction(result => CommandRunner.Run(() =>
        {
            var context = CliOptions.Context(result);
            if (!context.IsLightWallet)
                throw new UserErrorException($"listtransactions lists a light wallet's transactions and there is none for NODE_ID {context.NodeId} (start one with: blockchain_cs startnode -spv)");
            var wallet = new SpvWallet(context.LoadWallets().Wallets);
            using var store = context.ReadLightWallet();
            var transactions = store.LoadTransactions();
            if (transactions.Count == 0)
                Console.WriteLine("No transactions yet.");
            var ours = transactions.SelectMany(t => t.Transaction.Outputs.Select((o, i) => (Id: t.Transaction.Id, Index: i, Output: o)))
                .Where(o => wallet.Owns(o.Output.PubKeyHash))
                .ToDictionary(o => new Core.Primitives.OutPoint(o.Id, (uint)o.Index), o => o.Output.Value);
            foreach (var entry in transactions)
            {
                var tx = entry.Transaction;
                var received = tx.Outputs.Where(o => wallet.Owns(o.PubKeyHash)).Sum(o => o.Value);
                var spent = tx.IsCoinbase ? 0 : tx.Inputs.Sum(i => ours.GetValueOrDefault(i.PrevOut));
                var to = string.Join(", ", tx.Outputs.Where(o => wallet.Owns(o.PubKeyHash)).Select(o => Address.FromPubKeyHash(o.PubKeyHash)).Distinct());
                var state = entry.BlockHeight is null ? "unconfirmed"
                    : entry.Depth >= SpvWallet.DefaultMinConfirmations ? "confirmed"
                    : $"pending ({entry.Depth}/{SpvWallet.DefaultMinConfirmations})";
                var where = entry.BlockHeight is { } height ? $"block {height}, depth {entry.Depth}" : "not in a block";
                Console.WriteLine($"{tx.Id}  {received - spent:+#;-#;0}  {where}  {state}{(to.Length > 0 ? $"  to {to}" : "")}");
            }

            return 0;
        }));
        return command;
    }
}
