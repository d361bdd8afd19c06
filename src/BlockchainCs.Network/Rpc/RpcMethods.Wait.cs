using System.Text.Json.Nodes;

namespace BlockchainCs.Network.Rpc;

/// <summary>
/// waitforblockheight, as Bitcoin Core's: a script waits for the chain to reach a height instead of sleeping and
/// guessing. The wait is bounded (at most <see cref="MaxWait"/>, and it ends when the node stops) and answers with the
/// tip it saw, whether or not the height was reached, as Core does.
/// </summary>
public sealed partial class RpcMethods
{
    /// <summary>The longest one call waits: an RPC connection is not held open for ever.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(10);

    /// <summary>How often the tip is looked at while waiting (the chain publishes no tip signal of its own).</summary>
    private static readonly TimeSpan s_tipPoll = TimeSpan.FromMilliseconds(50);

    private async Task<JsonNode?> WaitForBlockHeightAsync(JsonArray parameters)
    {
        if (parameters.Count > 2)
            throw new RpcException(RpcErrorCode.InvalidParams, "at most 2 parameter(s)");
        var height = Number(parameters, 0, "height");
        var timeoutMs = Number(parameters, 1, "timeout", 0);
        if (timeoutMs < 0)
            throw new RpcException(RpcErrorCode.InvalidParameter, "timeout must be 0 (the longest wait) or a number of milliseconds");
        var wait = timeoutMs == 0 || timeoutMs > MaxWait.TotalMilliseconds ? MaxWait : TimeSpan.FromMilliseconds(timeoutMs);
        var deadline = _node.Time.GetUtcNow() + wait;
        var stopping = _node.StopRequested;
        while (_node.Chain.Tip.Height < height && _node.Time.GetUtcNow() < deadline && !stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(s_tipPoll, _node.Time, stopping);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        var tip = _node.Chain.Tip;
        return new JsonObject { ["hash"] = tip.Hash.ToString(), ["height"] = tip.Height };
    }
}
