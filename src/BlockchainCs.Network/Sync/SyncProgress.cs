using Microsoft.Extensions.Logging;

namespace BlockchainCs.Network;

/// <summary>
/// Sync progress for a person watching: at most one line a second while we are behind a peer (height, percentage,
/// blocks/s, time left), and one closing line once caught up.
/// </summary>
public sealed class SyncProgress(TimeProvider time, ILogger log)
{
    private DateTimeOffset _startedAt;
    private int _startHeight = -1;
    private DateTimeOffset _lastLine;

    /// <summary>
    /// Called after <paramref name="connected"/> blocks connected: <paramref name="height"/> is ours now,
    /// <paramref name="target"/> the best a peer announced.
    /// </summary>
    public void Report(int height, int target, int connected = 1)
    {
        var now = time.GetUtcNow();
        if (height < target)
        {
            if (_startHeight < 0)
            {
                _startHeight = height - connected;
                _startedAt = now;
                _lastLine = now;
                return;
            }

            if (now - _lastLine < TimeSpan.FromSeconds(1))
                return;
            _lastLine = now;
            var rate = (height - _startHeight) / Math.Max(0.001, (now - _startedAt).TotalSeconds);
            var left = rate > 0 ? TimeSpan.FromSeconds((target - height) / rate) : TimeSpan.Zero;
            log.LogInformation("Syncing: height {Height} of {Target} ({Percent:0.0}%), {Rate:0} blocks/s, about {Left:0} s left",
                height, target, 100.0 * height / Math.Max(1, target), rate, left.TotalSeconds);
            return;
        }

        if (_startHeight >= 0)
        {
            var seconds = (now - _startedAt).TotalSeconds;
            log.LogInformation("Synced to height {Height}: {Blocks} blocks in {Seconds:0.0} s", height, height - _startHeight, seconds);
            _startHeight = -1;
        }
    }
}
