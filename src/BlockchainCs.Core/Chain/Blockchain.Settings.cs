namespace BlockchainCs.Core.Chain;

/// <summary>Small named values kept in the chain database beside the chain (the network's address book, for one).</summary>
public sealed partial class Blockchain
{
    private static string SettingKey(string name) => "setting." + name;

    public byte[]? GetSetting(string name)
    {
        lock (_gate)
            return _store.GetMeta(SettingKey(name));
    }

    /// <summary>Stores a value in its own small transaction.</summary>
    public void SetSetting(string name, byte[] value)
    {
        lock (_gate)
        {
            Writing(Path, $"saving {name}", () =>
            {
                using var batch = _store.BeginWrite();
                _store.SetMeta(SettingKey(name), value);
                batch.Commit();
                return true;
            });
        }
    }

    /// <summary>
    /// Lets the database grow by at most <paramref name="pages"/> more pages (null: no limit), so tests can fill the
    /// "disk" deterministically and give the space back.
    /// </summary>
    internal void LimitGrowth(long? pages)
    {
        lock (_gate)
            _store.LimitPages(pages is { } extra ? _store.PageCount() + extra : 0);
    }

    /// <summary>
    /// Moves the WAL's pages into the database file and truncates the WAL (SQLite's checkpoint), best effort: after the
    /// disk filled up, this gives the WAL's space back, so writing can go on when the database itself still fits.
    /// </summary>
    public bool TryCheckpoint()
    {
        lock (_gate)
            return _store.TryCheckpoint();
    }

    internal long StorePragma(string name)
    {
        lock (_gate)
            return _store.Pragma(name);
    }
}
