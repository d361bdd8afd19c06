using Spectre.Console;

namespace BlockchainCs.Cli.Progress;

/// <summary>
/// Shows how long work is going while a person waits: nothing for the first second, then one live line on a terminal
/// (Spectre.Console's status, redrawn 4 times a second) or a plain line every 5 s otherwise (a log, a pipe). On
/// standard error, so standard output stays what the tutorial prints.
/// </summary>
public static class WaitDisplay
{
    private static readonly TimeSpan s_quiet = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan s_plainEvery = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan s_redraw = TimeSpan.FromMilliseconds(250);

    /// <summary>Runs <paramref name="work"/>; returns its result and whether a progress line was shown.</summary>
    public static (T Result, bool Shown) Run<T>(Func<T> work, Func<string> describe)
    {
        var task = Task.Run(work, CancellationToken.None);
        if (task.Wait(s_quiet, CancellationToken.None))
            return (task.Result, false);
        if (Console.IsErrorRedirected)
        {
            while (!task.Wait(s_plainEvery, CancellationToken.None))
                Console.Error.WriteLine(describe());
        }
        else
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            console.Status().Spinner(Spinner.Known.Dots).Start(Markup.Escape(describe()), context =>
            {
                while (!task.Wait(s_redraw, CancellationToken.None))
                    context.Status(Markup.Escape(describe()));
            });
        }

        return (task.Result, true);
    }
}
