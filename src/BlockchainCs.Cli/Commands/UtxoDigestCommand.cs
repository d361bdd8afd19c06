using System.CommandLine;

namespace BlockchainCs.Cli.Commands;

/// <summary>utxodigest: the tip and a digest of the whole UTXO set, so nodes can be compared (used by scripts/network.sh).</summary>
public static class UtxoDigestCommand
{
    public static Command Create()
    {
        var command = new Command("utxodigest", "Print the best tip (height, hash) and a SHA-256 digest of the UTXO set");
        command.SetAction(result => CommandRunner.Run(() =>
        {
            using var chain = CliOptions.Context(result).OpenChain();
            var tip = chain.Tip;
            Console.WriteLine($"height {tip.Height} tip {tip.Hash} utxo {chain.Utxo.ComputeDigest()} outputs {chain.Utxo.CountOutputs()}");
            return 0;
        }));
        return command;
    }
}
