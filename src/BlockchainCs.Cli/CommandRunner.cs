using System.CommandLine;
using BlockchainCs.Core.Chain;
using BlockchainCs.Core.Consensus;
using BlockchainCs.Core.Serialization;
using BlockchainCs.Core.Wallets;

namespace BlockchainCs.Cli;

/// <summary>
/// CommandRunner is the edge where errors become one line on stderr, always starting "error: ", and an exit code: 1 for
/// the user's mistakes and refused operations, 2 for anything unexpected. A mistake in how a command was typed points
/// to that command's help. No stack traces (set BLOCKCHAIN_CS_DEBUG=1 to see them).
/// </summary>
public static class CommandRunner
{
    /// <summary>The command being run (null for the root), named in the help hint.</summary>
    public static string? CommandName { get; set; }

    private static string HelpHint => CommandName is null ? "see 'blockchain_cs --help'" : $"see 'blockchain_cs {CommandName} --help'";

    public static int Run(Func<int> body) => RunAsync(() => Task.FromResult(body())).GetAwaiter().GetResult();

    public static async Task<int> RunAsync(Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (UserErrorException e)
        {
            return Fail($"{e.Message} ({HelpHint})", e);
        }
        catch (Exception e) when (e is StoreException or WalletException or InsufficientFundsException
            or Network.SubmitException or Network.NodeStartException or Rpc.RpcClientException)
        {
            return Fail(e.Message, e);
        }
        catch (RuleException e)
        {
            return Fail($"rejected by the chain rules ({e.Code}): {e.Message}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DecodeException)
        {
            return Fail(e.Message, e);
        }
        catch (OperationCanceledException)
        {
            return Fail("cancelled", null);
        }
        catch (Exception e)
        {
            Fail($"unexpected {e.GetType().Name}: {e.Message}", e);
            return 2;
        }
    }

    /// <summary>
    /// A command line that does not parse: one line naming the first problem, the command meant when a word is close to
    /// one (getbalanse → getbalance), and that command's help.
    /// </summary>
    public static int UsageError(RootCommand root, ParseResult parsed)
    {
        var command = parsed.CommandResult.Command;
        CommandName = command == root ? null : command.Name;
        string message;
        if (parsed.UnmatchedTokens.Count > 0)
        {
            var word = parsed.UnmatchedTokens[0];
            var choices = command == root ? root.Subcommands.Select(c => c.Name) : command.Options.SelectMany(o => o.Aliases.Append(o.Name));
            message = Suggestions.Closest(word, choices) is { } meant
                ? $"unknown {(command == root ? "command" : "option")} '{word}'; did you mean '{meant}'?"
                : $"unknown {(command == root && !word.StartsWith('-') ? "command" : "argument")} '{word}'";
        }
        else
        {
            message = Suggestions.SingleDash(parsed.Errors[0].Message.TrimEnd('.'));
            message = char.ToLowerInvariant(message[0]) + message[1..];
        }

        return Fail($"{message} ({HelpHint})", null);
    }

    private static int Fail(string message, Exception? e)
    {
        Console.Error.WriteLine($"error: {message}");
        if (e is not null && Environment.GetEnvironmentVariable("BLOCKCHAIN_CS_DEBUG") == "1")
            Console.Error.WriteLine(e);
        return 1;
    }
}
