using System.Diagnostics;
using System.Text;

namespace BlockchainCs.Cli.Tests;

/// <summary>
/// A CLI command running in the background (startnode). Its output is collected as it comes; <see cref="WaitForOutputAsync"/>
/// waits, with a deadline, until a given text has appeared. Disposing kills it if it still runs.
/// </summary>
public sealed class CliProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _command;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly object _gate = new();
    private TaskCompletionSource _outputChanged = NewSignal();

    public CliProcess(ProcessStartInfo info, string command)
    {
        _command = command;
        _process = new Process { StartInfo = info };
        _process.OutputDataReceived += (_, e) => Append(_stdout, e.Data);
        _process.ErrorDataReceived += (_, e) => Append(_stderr, e.Data);
        if (!_process.Start())
            throw new InvalidOperationException("the CLI process did not start");
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public string StdOut
    {
        get
        {
            lock (_gate)
                return _stdout.ToString();
        }
    }

    public string StdErr
    {
        get
        {
            lock (_gate)
                return _stderr.ToString();
        }
    }

    /// <summary>Waits until standard output contains <paramref name="text"/>; fails the test at the deadline or if the process ends first.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var expired = Task.Delay(Timeout.Infinite, deadline.Token);
        var exited = _process.WaitForExitAsync(deadline.Token);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_stdout.ToString().Contains(text, StringComparison.Ordinal))
                    return;
                changed = _outputChanged.Task;
            }

            if (_process.HasExited)
                Assert.Fail($"blockchain_cs {_command} exited ({_process.ExitCode}) before printing '{text}'\n{Describe()}");
            if (expired.IsCompleted)
                Assert.Fail($"blockchain_cs {_command} did not print '{text}' within {timeout.TotalSeconds:0} s\n{Describe()}");

            // Wake on new output, on exit or at the deadline (WhenAny does not throw for the cancelled ones).
            await Task.WhenAny(changed, exited, expired);
        }
    }

    /// <summary>Whether this process ignores <paramref name="signal"/>, which the processes it starts inherit (Linux: /proc/self/status).</summary>
    public static bool InheritsIgnoredSignal(int signal)
    {
        var line = File.Exists("/proc/self/status")
            ? File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal))
            : null;
        return line is not null && (Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16) & (1UL << (signal - 1))) != 0;
    }

    /// <summary>Sends SIGTERM (POSIX only) through the kill command.</summary>
    public Task TerminateAsync() => SignalAsync("TERM");

    /// <summary>Sends a signal by name (TERM, INT, KILL; POSIX only) through the kill command.</summary>
    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { $"-{signal}", Id.ToString() }, UseShellExecute = false })
            ?? throw new InvalidOperationException("kill did not start");
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await kill.WaitForExitAsync(deadline.Token);
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>Waits for the process to exit and returns its exit code; fails the test at the deadline.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"blockchain_cs {_command} did not exit within {timeout.TotalSeconds:0} s\n{Describe()}");
        }

        return _process.ExitCode;
    }

    public string Describe() => $"--- stdout ---\n{StdOut}\n--- stderr ---\n{StdErr}";

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }

    private void Append(StringBuilder buffer, string? line)
    {
        if (line is null)
            return;
        TaskCompletionSource signal;
        lock (_gate)
        {
            buffer.Append(line).Append('\n');
            signal = _outputChanged;
            _outputChanged = NewSignal();
        }

        signal.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
