using System.CommandLine;
using BlockchainCs.Cli;
using BlockchainCs.Cli.Commands;

var root = new RootCommand("blockchain_cs: a Bitcoin-style blockchain node (Building Blockchain in Go, in C#)")
{
    CliOptions.NodeId,
    CliOptions.DataDir,
    CreateBlockchainCommand.Create(),
    CreateWalletCommand.Create(),
    ListAddressesCommand.Create(),
    GetBalanceCommand.Create(),
    SendCommand.Create(),
    PrintChainCommand.Create(),
    ReindexUtxoCommand.Create(),
    StartNodeCommand.Create(),
    UtxoDigestCommand.Create(),
};

foreach (var option in root.Options.OfType<VersionOption>())
    option.Action = new VersionAction();

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    // One clear line, not the whole help text. An unknown word comes first: for 'blockchain_cs frob' the parser's first
    // error is "Required command was not provided", which does not say what was wrong.
    var message = parsed.UnmatchedTokens.Count > 0
        ? $"Unrecognized command or argument '{parsed.UnmatchedTokens[0]}'."
        : parsed.Errors[0].Message;
    Console.Error.WriteLine($"ERROR: {message} (see 'blockchain_cs --help')");
    return 1;
}

return await parsed.InvokeAsync();
