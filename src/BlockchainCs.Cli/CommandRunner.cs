using BlockchainCs.Core.Chain;
using BlockchainCs.Core.Consensus;
using BlockchainCs.Core.Serialization;
using BlockchainCs.Core.Wallets;

namespace BlockchainCs.Cli;

/// <summary>
/// CommandRunner is the edge where errors become one line on stderr and an exit code: 1 for the user's mistakes and
/// refused operations, 2 for anything unexpected. No stack traces (set BLOCKCHAIN_CS_DEBUG=1 to see them).
/// </summary>
public static class CommandRunner
{
    public static int Run(Func<int> body) => RunAsync(() => Task.FromResult(body())).GetAwaiter().GetResult();

    public static async Task<int> RunAsync(Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (Exception e) when (e is UserErrorException or StoreException or WalletException or InsufficientFundsException
            or Network.SubmitException or Network.NodeStartException)
        {
            return Fail(e.Message, e);
        }
        catch (RuleException e)
        {
            return Fail($"ERROR: rejected by the chain rules ({e.Code}): {e.Message}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DecodeException)
        {
            return Fail($"ERROR: {e.Message}", e);
        }
        catch (OperationCanceledException)
        {
            return Fail("ERROR: cancelled", null);
        }
        catch (Exception e)
        {
            Fail($"ERROR: unexpected {e.GetType().Name}: {e.Message}", e);
            return 2;
        }
    }

    private static int Fail(string message, Exception? e)
    {
        Console.Error.WriteLine(message);
        if (e is not null && Environment.GetEnvironmentVariable("BLOCKCHAIN_CS_DEBUG") == "1")
            Console.Error.WriteLine(e);
        return 1;
    }
}
