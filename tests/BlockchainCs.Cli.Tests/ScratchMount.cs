using System.Diagnostics;

namespace BlockchainCs.Cli.Tests;

/// <summary>
/// A mount only the test's commands see: a small tmpfs (a disk that fills up) or a read-only view of a directory, in a
/// mount namespace of its own (<c>unshare -m</c>) held open by a waiting <c>cat</c>. Commands run inside it through
/// <c>nsenter</c>; the test reaches its files through <c>/proc/PID/root</c>. Where the platform does not allow a mount
/// namespace (not Linux, not root, a locked-down container), <see cref="TryCreateAsync"/> says why and the test is skipped.
/// </summary>
public sealed class ScratchMount : IAsyncDisposable
{
    private readonly Process _holder;

    private ScratchMount(Process holder, string mountPoint)
    {
        _holder = holder;
        MountPoint = mountPoint;
    }

    /// <summary>The directory the mount covers (inside the namespace); also the commands' working directory.</summary>
    public string MountPoint { get; }

    /// <summary>
    /// Mounts <paramref name="mount"/> (e.g. <c>tmpfs:512k</c>, or <c>readonly</c> for a read-only view of
    /// <paramref name="source"/>) on <paramref name="mountPoint"/> and copies the files of <paramref name="source"/> into a
    /// tmpfs. Returns the mount, or the reason it cannot be made here.
    /// </summary>
    public static async Task<(ScratchMount? Mount, string? Reason)> TryCreateAsync(string source, string mountPoint, string mount)
    {
        if (!OperatingSystem.IsLinux())
            return (null, "mount namespaces are Linux only");
        if (!File.Exists("/usr/bin/unshare") && !File.Exists("/bin/unshare"))
            return (null, "unshare (util-linux) is not installed");
        Directory.CreateDirectory(mountPoint);
        var setUp = mount == "readonly"
            ? """mount --bind "$1" "$2" && mount -o remount,bind,ro "$2" """
            : $"""mount -t tmpfs -o size={mount["tmpfs:".Length..]} tmpfs "$2" && cp -p "$1"/*.db "$1"/*.dat "$2"/ """;
        var info = new ProcessStartInfo("unshare", ["-m", "--propagation", "private", "sh", "-c",
            $"""{setUp} && cd "$2" && echo ready && exec cat""", "sh", source, mountPoint])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var holder = Process.Start(info) ?? throw new InvalidOperationException("unshare did not start");
        var ready = await holder.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10));
        if (ready == "ready")
            return (new ScratchMount(holder, mountPoint), null);
        var error = await holder.StandardError.ReadToEndAsync();
        await holder.WaitForExitAsync();
        holder.Dispose();
        return (null, $"cannot make a mount namespace here: {error.Trim()}");
    }

    /// <summary>Runs the CLI inside the namespace, in <see cref="MountPoint"/>.</summary>
    public CliRunner Runner(string nodeId = CliRunner.DefaultNodeId) =>
        new(MountPoint, nodeId, ["nsenter", "-t", _holder.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "-m", "-w", "--"]);

    /// <summary>A file of the mount as the test process reaches it.</summary>
    public string HostPath(string name) => $"/proc/{_holder.Id}/root{MountPoint}/{name}";

    public async ValueTask DisposeAsync()
    {
        _holder.StandardInput.Close();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _holder.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            _holder.Kill();
        }

        _holder.Dispose();
    }
}
