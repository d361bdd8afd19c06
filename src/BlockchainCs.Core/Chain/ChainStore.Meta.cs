using System.Text;

namespace BlockchainCs.Core.Chain;

/// <summary>Settings of the chain: format, target bits, genesis and tip hashes.</summary>
public sealed partial class ChainStore
{
    public byte[]? GetMeta(string key)
    {
        using var reader = Cached("SELECT value FROM meta WHERE key = $p0", key).ExecuteReader();
        return reader.Read() ? (byte[])reader.GetValue(0) : null;
    }

    public void SetMeta(string key, byte[] value) =>
        Cached("INSERT INTO meta(key, value) VALUES ($p0, $p1) ON CONFLICT(key) DO UPDATE SET value = excluded.value", key, value).ExecuteNonQuery();

    public string? GetMetaString(string key) => GetMeta(key) is { } bytes ? Encoding.UTF8.GetString(bytes) : null;

    public void SetMeta(string key, string value) => SetMeta(key, Encoding.UTF8.GetBytes(value));
}
