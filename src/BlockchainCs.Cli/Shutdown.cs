using System.Runtime.InteropServices;

namespace BlockchainCs.Cli;

/// <summary>
/// SIGTERM and Ctrl-C (SIGINT), handled from the first line of the program: a running node shuts down cleanly and exits
/// 0 whenever the signal comes, its first instant included (a signal before the command starts is kept until it
/// does). Short commands are ended at once, as any Unix tool is (their writes are SQLite transactions: all or nothing).
/// </summary>
public static class Shutdown
{
    private const int Undecided = 0;
    private const int Graceful = 1;
    private const int Immediate = 2;

    private static readonly CancellationTokenSource s_stop = new();
    private static int s_mode;
    private static int s_signal;
    private static PosixSignalRegistration? s_term;
    private static PosixSignalRegistration? s_interrupt;

    /// <summary>Cancelled by the first SIGTERM or SIGINT.</summary>
    public static CancellationToken Token => s_stop.Token;

    public static void Register()
    {
        s_term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => Handle(context, 15));
        s_interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => Handle(context, 2));
    }

    /// <summary>
    /// Says how the command about to run takes a signal. Returns the exit code to stop with at once (128 + signal) when a
    /// signal already came and the command is not graceful; null to go on.
    /// </summary>
    public static int? Decide(bool graceful)
    {
        Volatile.Write(ref s_mode, graceful ? Graceful : Immediate);
        return !graceful && s_stop.IsCancellationRequested ? 128 + Volatile.Read(ref s_signal) : null;
    }

    private static void Handle(PosixSignalContext context, int number)
    {
        if (Volatile.Read(ref s_mode) == Immediate)
            return; // the default action: the process ends now
        context.Cancel = true;
        Interlocked.CompareExchange(ref s_signal, number, 0);
        s_stop.Cancel();
    }
}
