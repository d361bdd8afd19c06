using System.CommandLine;

namespace BlockchainCs.Cli.Commands;

/// <summary>utxodigest: the tip and a digest of the whole UTXO set, so nodes can be compared (used by scripts/network.sh).</summary>
public static class UtxoDigestCommand
{
    public static Command Create()
    {
        var command = new Command("utxodigest", "Print the best tip (height, hash) and a SHA-256 digest of the UTXO set: equal lines mean equal chains.\n\nExample: blockchain_cs utxodigest");
        command.SetAction(result => CommandRunner.Run(() =>
        {
            using var chain = CliOptions.Context(result).ReadChain();
            // One snapshot: a node writing meanwhile cannot pair one height's tip with a later height's digest.
            var summary = chain.Summarize();
            Console.WriteLine($"height {summary.Tip.Height} tip {summary.Tip.Hash} utxo {summary.UtxoDigest} outputs {summary.Outputs}");
            return 0;
        }));
        return command;
    }
}
