using System.Runtime.InteropServices;

namespace BlockchainCs.Cli;

/// <summary>
/// SIGTERM and Ctrl-C (SIGINT), handled from the first line of the program: a running node shuts down cleanly and exits
/// 0 whenever the signal comes, its first instant included. The Native AOT executable holds both signals back from
/// before the runtime starts (Native/early_signals.c) until <see cref="Register"/> has its handlers in place, and a
/// signal before the command starts is kept until it does. Short commands are ended at once, as any Unix tool is (their
/// writes are SQLite transactions: all or nothing).
/// </summary>
public static partial class Shutdown
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
        UnblockEarlySignals();
    }

    /// <summary>
    /// The Native AOT executable starts with SIGTERM and SIGINT blocked (Native/early_signals.c) so that one sent while
    /// the runtime starts waits; now that the handlers are in place, let it (and any later one) through. Elsewhere
    /// (the JIT host) nothing was blocked and this changes nothing.
    /// </summary>
    private static unsafe void UnblockEarlySignals()
    {
        // A sigset_t is a bit mask, bit (signal - 1): SIGINT (2) is 0x02 of byte 0, SIGTERM (15) 0x40 of byte 1. Linux's
        // is 128 bytes, macOS's 4; this buffer fits both. SIG_UNBLOCK is 1 on Linux, 2 on macOS.
        var set = stackalloc byte[128];
        new Span<byte>(set, 128).Clear();
        set[0] = 0x02;
        set[1] = 0x40;
        try
        {
            if (OperatingSystem.IsLinux())
                _ = LinuxSigmask(1, set, null);
            else if (OperatingSystem.IsMacOS())
                _ = MacSigmask(2, set, null);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // No C library under that name: then nothing blocked the signals either.
        }
    }

    [LibraryImport("libc.so.6", EntryPoint = "pthread_sigmask")]
    private static unsafe partial int LinuxSigmask(int how, byte* set, byte* oldSet);

    [LibraryImport("libSystem.dylib", EntryPoint = "pthread_sigmask")]
    private static unsafe partial int MacSigmask(int how, byte* set, byte* oldSet);

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
