using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace BlockchainCs.Cli.Tests.Readme;

/// <summary>
/// The terminals a README reader opens: tmux windows (real terminals: job control, Ctrl-C, a shell prompt) of one tmux
/// server started in a private network namespace (<c>unshare --net</c>), so the README's fixed ports (3000, 13000, …)
/// clash with nothing on the machine. Every shell is a new <c>bash</c> without start-up files, in the repository's
/// folder, with HOME in the test's own directory. A shell's PROMPT_COMMAND appends each command's exit status to a file,
/// which is how the driver knows a command has finished (the prompt came back) and whether it succeeded; tmux copies
/// each terminal's output to a file the driver reads. Every wait is bounded.
/// </summary>
public sealed partial class TmuxTerminals : IAsyncDisposable
{
    private readonly string _socket;
    private readonly string _directory;
    private readonly string _repository;
    private readonly HashSet<int> _open = [];

    private TmuxTerminals(string directory, string repository)
    {
        _directory = directory;
        _repository = repository;
        _socket = Path.Combine(directory, "tmux.sock");
    }

    /// <summary>Starts the tmux server in its own network namespace, or says why it cannot be done here.</summary>
    public static async Task<(TmuxTerminals? Terminals, string? Reason)> TryStartAsync(string directory, string repository)
    {
        if (!OperatingSystem.IsLinux())
            return (null, "network namespaces are Linux only");
        foreach (var tool in new[] { "tmux", "unshare", "ip", "bash" })
            if (!OnPath(tool))
                return (null, $"{tool} is not installed (.ci/run installs it)");
        var terminals = new TmuxTerminals(directory, repository);
        Directory.CreateDirectory(Path.Combine(directory, "home"));
        // The server forks away from unshare and keeps the namespace: every window it opens shares its own loopback.
        var start = await RunAsync("unshare", ["--net", "sh", "-c",
            $"""ip link set lo up && exec tmux -S "$1" -f /dev/null new-session -d -s readme -n t0 -x 200 -y 50 -c "$2" 'exec sleep 86400'""",
            "sh", terminals._socket, repository], terminals.Environment());
        if (start.ExitCode != 0)
            return (null, $"cannot start tmux in a network namespace of its own here: {start.Output.Trim()}");
        await terminals.TmuxAsync("set-option", "-g", "history-limit", "50000");
        return (terminals, null);
    }

    /// <summary>Types one command line into terminal <paramref name="terminal"/> (opened on first use) and presses Enter.</summary>
    public async Task TypeAsync(int terminal, string line)
    {
        await EnsureOpenAsync(terminal);
        var buffer = Path.Combine(_directory, "typed.txt");
        await File.WriteAllTextAsync(buffer, line);
        await TmuxAsync("load-buffer", "-b", "typed", buffer);
        await TmuxAsync("paste-buffer", "-d", "-b", "typed", "-t", Target(terminal));
        await TmuxAsync("send-keys", "-t", Target(terminal), "Enter");
    }

    public async Task CtrlCAsync(int terminal) => await TmuxAsync("send-keys", "-t", Target(terminal), "C-c");

    /// <summary>How many prompts terminal <paramref name="terminal"/> has shown (one per finished command line).</summary>
    public int Prompts(int terminal) => Statuses(terminal).Count;

    /// <summary>The exit status of each command line, in order (the shell's first prompt included, as 0).</summary>
    public List<int> Statuses(int terminal)
    {
        var path = StatusPath(terminal);
        return File.Exists(path)
            ? [.. File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => int.Parse(l, CultureInfo.InvariantCulture))]
            : [];
    }

    /// <summary>Waits until terminal <paramref name="terminal"/> has shown more than <paramref name="prompts"/> prompts.</summary>
    public async Task<bool> WaitForPromptAsync(int terminal, int prompts, TimeSpan timeout) =>
        await WaitUntilAsync(() => Prompts(terminal) > prompts, timeout);

    /// <summary>Waits until terminal <paramref name="terminal"/> has printed <paramref name="text"/> since <paramref name="mark"/>.</summary>
    public async Task<bool> WaitForTextAsync(int terminal, string text, long mark, TimeSpan timeout) =>
        await WaitUntilAsync(() => OutputSince(terminal, mark).Contains(text, StringComparison.Ordinal), timeout);

    /// <summary>Where terminal <paramref name="terminal"/>'s output is now (for <see cref="OutputSince"/>).</summary>
    public long Mark(int terminal)
    {
        var path = OutputPath(terminal);
        return File.Exists(path) ? new FileInfo(path).Length : 0;
    }

    /// <summary>What terminal <paramref name="terminal"/> printed after <paramref name="mark"/>, without terminal escapes.</summary>
    public string OutputSince(int terminal, long mark)
    {
        var path = OutputPath(terminal);
        if (!File.Exists(path))
            return "";
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        file.Seek(Math.Min(mark, file.Length), SeekOrigin.Begin);
        using var reader = new StreamReader(file, Encoding.UTF8);
        return Escapes().Replace(reader.ReadToEnd(), "").Replace("\r", "", StringComparison.Ordinal);
    }

    /// <summary>Every open terminal's screen and recent scrollback, for a failure's message.</summary>
    public async Task<string> DescribeAsync()
    {
        var text = new StringBuilder();
        foreach (var terminal in _open.Order())
        {
            var screen = await TmuxAsync("capture-pane", "-p", "-J", "-S", "-60", "-t", Target(terminal));
            text.Append(CultureInfo.InvariantCulture, $"--- terminal {terminal} (exit statuses {string.Join(' ', Statuses(terminal))}) ---\n");
            text.Append(screen.Output.TrimEnd()).Append('\n');
        }

        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        // Whatever still runs in a window (a node) is ended with its window's session, then the server goes.
        var panes = await TmuxAsync("list-panes", "-a", "-F", "#{pane_pid}");
        foreach (var pid in panes.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            await RunAsync("pkill", ["-KILL", "-s", pid], Environment());
        await TmuxAsync("kill-server");
    }

    private async Task EnsureOpenAsync(int terminal)
    {
        if (!_open.Add(terminal))
            return;
        // A new shell as a reader opens one: bash without start-up files; PROMPT_COMMAND records each exit status.
        await TmuxAsync("new-window", "-d", "-n", $"t{terminal}", "-c", _repository,
            "-e", $"README_STATUS={StatusPath(terminal)}", "exec bash --norc --noprofile");
        await TmuxAsync("pipe-pane", "-o", "-t", Target(terminal), $"cat >> '{OutputPath(terminal)}'");
        if (!await WaitForPromptAsync(terminal, 0, TimeSpan.FromSeconds(10)))
            throw new InvalidOperationException($"terminal {terminal}'s shell showed no prompt");
    }

    private Dictionary<string, string> Environment() => new()
    {
        ["HOME"] = Path.Combine(_directory, "home"),
        ["PATH"] = System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin",
        ["TERM"] = "xterm-256color",
        ["LANG"] = "C.UTF-8",
        ["TMPDIR"] = _directory,
        ["PS1"] = "$ ",
        ["PROMPT_COMMAND"] = "echo $? >> \"$README_STATUS\"",
    };

    private string Target(int terminal) => $"readme:t{terminal}";

    private string StatusPath(int terminal) => Path.Combine(_directory, $"t{terminal}.status");

    private string OutputPath(int terminal) => Path.Combine(_directory, $"t{terminal}.out");

    private async Task<(int ExitCode, string Output)> TmuxAsync(params string[] args) =>
        await RunAsync("tmux", ["-S", _socket, .. args], Environment());

    private static async Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed > timeout)
                return false;
            await Task.Delay(50); // polling a file the shell appends to: the condition, not the delay, is what is waited for
        }

        return true;
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string program, IEnumerable<string> args, Dictionary<string, string> environment)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        info.Environment.Clear();
        foreach (var (name, value) in environment)
            info.Environment[name] = value;
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await process.WaitForExitAsync(deadline.Token);
        return (process.ExitCode, await output + await error);
    }

    private static bool OnPath(string tool) =>
        (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => d.Length > 0 && File.Exists(Path.Combine(d, tool)));

    [GeneratedRegex(@"\x1b(\[[0-9;?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][0-9A-Za-z]|[=>78])")]
    private static partial Regex Escapes();
}
