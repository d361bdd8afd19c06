using System.CommandLine;

namespace BlockchainCs.Cli.Commands;

/// <summary>reindexutxo: rebuilds the UTXO set from the blocks (cli_reindexutxo.go).</summary>
public static class ReindexUtxoCommand
{
    public static Command Create()
    {
        var command = new Command("reindexutxo", "Rebuild the UTXO set from the blocks of the best chain");
        command.SetAction(result => CommandRunner.Run(() =>
        {
            var context = CliOptions.Context(result);
            using var writer = context.LockForWriting("reindexutxo");
            using var chain = context.OpenChain();
            chain.Utxo.Reindex();
            Console.WriteLine($"Done! There are {chain.Utxo.CountTransactions()} transactions in the UTXO set.");
            return 0;
        }));
        return command;
    }
}
