using System.CommandLine;
using BlockchainCs.Cli.Progress;
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
        var amount = CliOptions.Required("amount", "Amount to send: a whole number of coins");
        var fee = new Option<string?>("--fee", "-fee") { Description = "Coins left to the miner as a fee: a whole number, 0 or more [default: 0, as in the tutorial]" };
        var mine = new Option<bool>("--mine", "-mine") { Description = "Mine the block on this node at once" };
        var seeds = NodeOptions.Seeds();
        var timeout = new Option<int>("--timeout", "-timeout")
        {
            Description = "Seconds to wait for the node to accept the transaction",
            DefaultValueFactory = _ => 15,
        };
        var command = new Command("send", "Send AMOUNT of coins from address FROM to address TO. With -mine the block is mined here at once; without it the\ntransaction goes to the central node (-seed) for a miner to mine.\n-fee N leaves N coins to the miner: a full pool and a miner rank payments by fee per byte.\n\nExample: blockchain_cs send -from $WALLET_1 -to $WALLET_3 -amount 1   (-fee 1 to pay the miner 1)") { from, to, amount, fee, mine, seeds, timeout };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var context = CliOptions.Context(result);
            var fromText = result.GetValue(from)!;
            var fromHash = NodeContext.ParseAddress(fromText, "sender address");
            var toHash = NodeContext.ParseAddress(result.GetValue(to), "recipient address");
            var value = ParseAmount(result.GetValue(amount));
            var feeValue = ParseFee(result.GetValue(fee));
            var wallet = context.LoadWallets().Find(fromText)
                ?? throw new UserErrorException($"sender '{fromText}' is not in this node's wallet ({context.WalletPath})");

            if (context.IsLightWallet)
            {
                // A light wallet has no UTXO set: it pays from the coins its own transactions show, through a full node.
                if (result.GetValue(mine))
                    throw new UserErrorException("a light wallet does not mine; send without -mine hands the payment to a full node");
                using var store = context.ReadLightWallet();
                var payment = Network.Spv.SpvWallet.Pay(store.LoadTransactions(), wallet, toHash, value, feeValue);
                await TransactionSubmitter.SubmitAsync(payment, NodeOptions.ParseSeeds(result.GetValue(seeds)), store.GenesisHash,
                    TimeSpan.FromSeconds(Math.Max(1, result.GetValue(timeout))), cancellationToken);
                Console.WriteLine("Success!");
                PrintFee(payment, feeValue, result.GetValue(fee) is not null);
                return 0;
            }

            // With -mine this process writes the chain: it holds the writer lock from before it picks the coins it spends.
            using var writer = result.GetValue(mine) ? context.LockForWriting("send -mine") : null;
            using var chain = writer is null ? context.ReadChain() : context.WriteChain();
            var tx = TransactionBuilder.CreatePayment(wallet, toHash, value, chain.Utxo, fee: feeValue);
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
            PrintFee(tx, feeValue, result.GetValue(fee) is not null);
            return 0;
        }));
        return command;
    }

    /// <summary>A whole, positive number of coins, written as digits only ("1.5", " 1", "+1" and "1e3" are refused).</summary>
    internal static long ParseAmount(string? text, string name = "-amount", string what = "positive")
    {
        if (string.IsNullOrEmpty(text) || !text.All(char.IsAsciiDigit))
            throw new UserErrorException($"{name} must be a whole number of coins (like 3), not '{text}'");
        if (!long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value))
            throw new UserErrorException($"{name} '{text}' is too large");
        return value > 0 || (value == 0 && what != "positive") ? value : throw new UserErrorException($"{name} must be a {what} whole number of coins, not '{text}'");
    }

    /// <summary>-fee: a whole number of coins, 0 or more (absent means 0).</summary>
    internal static long ParseFee(string? text) => text is null or "0" ? 0 : ParseAmount(text, "-fee", "0 or more");

    /// <summary>
    /// With -fee: what the payment left to miners, and per kB (what a full pool and a miner rank it by). Without it the
    /// output stays the tutorial's single "Success!".
    /// </summary>
    private static void PrintFee(Transaction tx, long fee, bool asked)
    {
        if (asked)
            Console.WriteLine($"Fee: {fee} coin{(fee == 1 ? "" : "s")} for {tx.Size} bytes ({FeeRate.Describe(fee, tx.Size)})");
    }

    /// <summary>The tutorial's send -mine: a coinbase to the sender plus the transaction, mined and added here.</summary>
    private static void MineLocally(Blockchain chain, Transaction tx, byte[] minerPubKeyHash)
    {
        var fee = chain.CheckTransaction(tx);
        var candidate = chain.BuildCandidate([tx], minerPubKeyHash, fee);
        var block = MiningProgress.Mine(new Miner(), candidate, $"block {candidate.Height}") ?? throw new OperationCanceledException();
        chain.AddBlock(block);
    }
}
