using BlockchainCs.Core.Chain;
using BlockchainCs.Core.Primitives;
using Microsoft.Extensions.Logging;

namespace BlockchainCs.Network;

/// <summary>
/// A full disk is a fault of the machine, not of a peer: the block that could not be written is dropped unpunished (its
/// peers give it back), sync pauses - no block requests, no writes - and the next tick after a back-off (5 s doubling to
/// a minute) asks the best peer again. The first block written afterwards ends the pause; nothing half-written is left,
/// as SQLite rolled the failed transaction back.
/// </summary>
public sealed partial class SyncManager
{
    private DateTimeOffset? _storagePausedUntil;
    private TimeSpan _storageBackoff;
    private TaskCompletionSource _storageAvailable = Completed();

    /// <summary>True while writes wait for disk space.</summary>
    public bool IsStoragePaused => _storagePausedUntil is not null;

    /// <summary>Completes when the disk takes writes again (at once when it does now). The miner waits on it.</summary>
    public Task WhenStorageAvailable => Volatile.Read(ref _storageAvailable).Task;

    private static TaskCompletionSource Completed()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        done.SetResult();
        return done;
    }

    private bool WritesPaused(DateTimeOffset now) => _storagePausedUntil is { } until && now < until;

    private BlockOutcome PauseForStorage(StorageFullException e)
    {
        _storageBackoff = _storageBackoff == TimeSpan.Zero
            ? _config.StorageRetry
            : TimeSpan.FromTicks(Math.Min(_storageBackoff.Ticks * 2, _config.MaxStorageRetry.Ticks));
        _storagePausedUntil = _config.Time.GetUtcNow() + _storageBackoff;
        if (_storageAvailable.Task.IsCompleted)
            Volatile.Write(ref _storageAvailable, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        _requests.Clear();
        // The WAL may hold most of the space: moving it into the database and truncating it often gives room back.
        _chain.TryCheckpoint();
        _log.LogError("{Reason}; sync paused at height {Height}, retrying in {Seconds:0} s", e.Message, _chain.Tip.Height,
            _storageBackoff.TotalSeconds);
        return BlockOutcome.Deferred(e.Message);
    }

    /// <summary>A write succeeded: a pause (if any) is over.</summary>
    private void StorageWorked()
    {
        if (_storageBackoff == TimeSpan.Zero)
            return;
        _storageBackoff = TimeSpan.Zero;
        _storagePausedUntil = null;
        _log.LogWarning("Disk space is back: sync resumed at height {Height}", _chain.Tip.Height);
        _storageAvailable.TrySetResult();
    }

    /// <summary>On the tick after the back-off: ask the best peer for what we lack, which writes again.</summary>
    private void RetryStorageIfDue(DateTimeOffset now)
    {
        if (_storagePausedUntil is not { } until || now < until)
            return;
        _storagePausedUntil = null;
        _storageAvailable.TrySetResult();
        var best = _announcer.ReadyPeers().OrderByDescending(p => p.Stats.BestHeight).FirstOrDefault();
        _log.LogInformation("Trying to write again after the disk was full{Peer}", best is null ? "" : $"; asking {best} for blocks");
        if (best is not null)
            RequestBlocks(best, Hash256.Zero);
    }
}
