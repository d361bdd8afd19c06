using Microsoft.Extensions.Logging;

namespace BlockchainCs.Network;

/// <summary>
/// Runs the node's background loops (connections, upkeep, stall retries, address saving, the miner) so that none dies
/// silently: an unexpected exception is logged with the loop's name and the loop goes on with its next step (or, for
/// a long-running body, starts again after a pause).
/// </summary>
public sealed class Supervisor(NodeConfig config, ILogger log)
{
    private static readonly TimeSpan s_restartPause = TimeSpan.FromSeconds(1);
    private int _failures;

    /// <summary>Steps that failed so far (all loops together).</summary>
    public int Failures => Volatile.Read(ref _failures);

    /// <summary>Runs a synchronous <paramref name="step"/> every <paramref name="interval"/> until cancelled.</summary>
    public Task RunPeriodicAsync(string name, TimeSpan interval, Action<DateTimeOffset> step, CancellationToken cancellationToken) =>
        RunPeriodicAsync(name, interval, now =>
        {
            step(now);
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>Runs <paramref name="step"/> every <paramref name="interval"/> until cancelled.</summary>
    public async Task RunPeriodicAsync(string name, TimeSpan interval, Func<DateTimeOffset, Task> step, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, config.Time, cancellationToken);
                config.BeforeLoopStep?.Invoke(name);
                await step(config.Time.GetUtcNow());
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                Failed(name, e);
            }
        }
    }

    /// <summary>Runs a long-running <paramref name="body"/>; when it throws, logs it and starts it again after a pause.</summary>
    public async Task RunAsync(string name, Func<CancellationToken, Task> body, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                config.BeforeLoopStep?.Invoke(name);
                await body(cancellationToken);
                return;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                Failed(name, e);
                try
                {
                    await Task.Delay(s_restartPause, config.Time, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private void Failed(string name, Exception e)
    {
        Interlocked.Increment(ref _failures);
        log.LogError(e, "The {Loop} loop failed and goes on: {Error}", name, e.Message);
    }
}
