using System.CommandLine;
using System.Text;
using BlockchainCs.Core.Consensus;
using BlockchainCs.Core.Crypto;
using BlockchainCs.Core.Primitives;

namespace BlockchainCs.Cli.Commands;

/// <summary>printchain: every block from the tip back to genesis, in the tutorial's layout (cli_printchain.go).</summary>
public static class PrintChainCommand
{
    public static Command Create()
    {
        var command = new Command("printchain", "Print all the blocks of the blockchain, from the tip back.\n\nExample: blockchain_cs printchain");
        command.SetAction(result => CommandRunner.Run(() =>
        {
            using var chain = CliOptions.Context(result).ReadChain();
            var iterator = chain.Iterator();
            var output = new StringBuilder();
            while (iterator.Next() is { } block)
            {
                Describe(block, output);
                Console.Write(output.ToString());
                output.Clear();
            }

            return 0;
        }));
        return command;
    }

    public static void Describe(Block block, StringBuilder output)
    {
        output.Append("============ Block ").Append(block.Hash).AppendLine(" ============");
        output.Append("Height: ").Append(block.Height).AppendLine();
        output.Append("Prev. block: ").Append(block.PrevHash.IsZero ? "" : block.PrevHash.ToString()).AppendLine();
        output.Append("Timestamp: ").Append(DateTimeOffset.FromUnixTimeSeconds(block.Timestamp).ToString("u")).AppendLine();
        output.Append("PoW: ").Append(ProofOfWork.IsValid(block) ? "true" : "false").AppendLine();
        foreach (var tx in block.Transactions)
            DescribeTransaction(tx, output);
        output.AppendLine();
    }

    private static void DescribeTransaction(Transaction tx, StringBuilder output)
    {
        output.Append("--- Transaction ").Append(tx.Id).AppendLine(":");
        for (var i = 0; i < tx.Inputs.Count; i++)
        {
            var input = tx.Inputs[i];
            output.Append("     Input ").Append(i).AppendLine(":");
            output.Append("       TXID:      ").Append(input.PrevOut.IsNull ? "" : input.PrevOut.TxId.ToString()).AppendLine();
            output.Append("       Out:       ").Append(input.PrevOut.IsNull ? "-1" : input.PrevOut.Index.ToString()).AppendLine();
            output.Append("       Signature: ").Append(Convert.ToHexStringLower(input.Signature)).AppendLine();
            output.Append("       PubKey:    ").Append(Convert.ToHexStringLower(input.PubKey)).AppendLine();
        }

        for (var i = 0; i < tx.Outputs.Count; i++)
        {
            var txOutput = tx.Outputs[i];
            output.Append("     Output ").Append(i).AppendLine(":");
            output.Append("       Value:  ").Append(txOutput.Value).AppendLine();
            output.Append("       Script: ").Append(Convert.ToHexStringLower(txOutput.PubKeyHash))
                .Append(" (").Append(Address.FromPubKeyHash(txOutput.PubKeyHash)).AppendLine(")");
        }
    }
}
