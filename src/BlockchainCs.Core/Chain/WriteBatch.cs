namespace BlockchainCs.Core.Chain;

/// <summary>WriteBatch is one open SQLite transaction of a <see cref="ChainStore"/>; disposing it uncommitted rolls back.</summary>
public sealed class WriteBatch : IDisposable
{
    private readonly ChainStore _store;
    private bool _done;

    internal WriteBatch(ChainStore store) => _store = store;

    public void Commit()
    {
        _done = true;
        _store.EndWrite(commit: true);
    }

    public void Dispose()
    {
        if (_done)
            return;
        _done = true;
        _store.EndWrite(commit: false);
    }
}
