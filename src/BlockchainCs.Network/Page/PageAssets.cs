using System.Collections.Frozen;

namespace BlockchainCs.Network.Page;

/// <summary>
/// The page's files, embedded in the assembly (so in the single executable): read once, served from memory. No CDN,
/// no build step: what is in Page/Assets is what the browser gets.
/// </summary>
public static class PageAssets
{
    private const string Prefix = "page/";

    private static readonly FrozenDictionary<string, byte[]> s_files = Load();

    public static bool Exists(string name) => s_files.ContainsKey(name);

    public static byte[] Get(string name) => s_files[name];

    public static string ContentType(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };

    private static FrozenDictionary<string, byte[]> Load()
    {
        var assembly = typeof(PageAssets).Assembly;
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files[resource[Prefix.Length..]] = copy.ToArray();
        }

        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
