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
            using var batch = _store.BeginWrite();
            _store.SetMeta(SettingKey(name), value);
            batch.Commit();
        }
    }
}
