using System.CommandLine;
using BlockchainCs.Cli.Progress;

namespace BlockchainCs.Cli.Commands;

/// <summary>reindexutxo: rebuilds the UTXO set from the blocks (cli_reindexutxo.go).</summary>
public static class ReindexUtxoCommand
{
    public static Command Create()
    {
        var command = new Command("reindexutxo", "Rebuild the UTXO set from the blocks of the best chain.\n\nExample: blockchain_cs reindexutxo");
        command.SetAction(result => CommandRunner.Run(() =>
        {
            var context = CliOptions.Context(result);
            using var writer = context.LockForWriting("reindexutxo");
            using var chain = context.WriteChain();
            var done = 0;
            var best = chain.Tip.Height;
            WaitDisplay.Run(() =>
            {
                chain.Utxo.Reindex((height, tip) => (done, best) = (height, tip));
                return true;
            }, () => $"Rebuilding the UTXO set: block {Volatile.Read(ref done):N0} of {best:N0} ({100.0 * Volatile.Read(ref done) / Math.Max(1, best):0}%)");
            Console.WriteLine($"Done! There are {chain.Utxo.CountTransactions()} transactions in the UTXO set.");
            return 0;
        }));
        return command;
    }
}
