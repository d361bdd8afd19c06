using System.Globalization;
using System.Text.RegularExpressions;

namespace BlockchainCs.Cli.Tests.Readme;

/// <summary>
/// Reads the README's shell blocks (<c>```sh</c> fences) in order. Each must be preceded by a line
/// <c>&lt;!-- readme-test: ACTION; ACTION; … --&gt;</c> (an HTML comment: invisible on the rendered page) saying how a
/// reader runs it, so no shell block can be added without being run. Actions:
/// <c>terminal N [M …]</c> (where it is typed; required), <c>ctrl-c-first</c> (Ctrl-C the command still running there),
/// <c>await N "TEXT"</c> (first wait until terminal N has printed TEXT), <c>until "TEXT"</c> (the last command keeps
/// running; go on once it printed TEXT), <c>ctrl-c</c> (then stop it with Ctrl-C), <c>expect "TEXT"</c> (the block
/// prints TEXT; repeatable), <c>may-fail</c> (a command is meant to fail and print <c>error:</c>), and
/// <c>skip "REASON"</c>. A text is in double quotes, or in single quotes when it holds a double quote.
/// </summary>
public static partial class ReadmeScript
{
    public static List<ReadmeStep> Parse(string markdown)
    {
        var lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var steps = new List<ReadmeStep>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim() != "```sh")
                continue;
            var annotation = i > 0 ? Annotation().Match(lines[i - 1].Trim()) : Match.Empty;
            if (!annotation.Success)
                throw new FormatException($"README line {i + 1}: a shell block without a '<!-- readme-test: … -->' line above it");
            var commands = new List<string>();
            var end = i + 1;
            for (; end < lines.Length && lines[end].Trim() != "```"; end++)
                commands.Add(lines[end]);
            if (end == lines.Length)
                throw new FormatException($"README line {i + 1}: the shell block is never closed");
            steps.Add(ParseStep(i + 1, annotation.Groups[1].Value, commands));
            i = end;
        }

        return steps;
    }

    private static ReadmeStep ParseStep(int lineNumber, string annotation, List<string> commands)
    {
        List<int> terminals = [];
        List<string> expects = [];
        string? until = null, awaitText = null, skip = null;
        int? awaitTerminal = null;
        bool ctrlCAfter = false, ctrlCFirst = false, mayFail = false;
        foreach (var action in Actions(annotation))
        {
            var words = action.Split(' ', 2, StringSplitOptions.TrimEntries);
            var rest = words.Length > 1 ? words[1] : "";
            switch (words[0])
            {
                case "terminal":
                    terminals.AddRange(rest.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(t => int.Parse(t, CultureInfo.InvariantCulture)));
                    break;
                case "until":
                    until = Quoted(rest, lineNumber);
                    break;
                case "ctrl-c":
                    ctrlCAfter = true;
                    break;
                case "ctrl-c-first":
                    ctrlCFirst = true;
                    break;
                case "await":
                    var parts = rest.Split(' ', 2, StringSplitOptions.TrimEntries);
                    awaitTerminal = int.Parse(parts[0], CultureInfo.InvariantCulture);
                    awaitText = Quoted(parts.Length > 1 ? parts[1] : "", lineNumber);
                    break;
                case "expect":
                    expects.Add(Quoted(rest, lineNumber));
                    break;
                case "may-fail":
                    mayFail = true;
                    break;
                case "skip":
                    skip = Quoted(rest, lineNumber);
                    break;
                default:
                    throw new FormatException($"README line {lineNumber}: unknown readme-test action '{words[0]}'");
            }
        }

        if (terminals.Count == 0 && skip is null)
            throw new FormatException($"README line {lineNumber}: readme-test names no terminal");
        if (ctrlCAfter && until is null)
            throw new FormatException($"README line {lineNumber}: ctrl-c needs until \"TEXT\" (what to wait for first)");
        return new ReadmeStep(lineNumber, terminals, commands, until, ctrlCAfter, ctrlCFirst, awaitTerminal, awaitText, expects, mayFail, skip);
    }

    /// <summary>The annotation's actions: split at each ';' outside a quoted text.</summary>
    private static IEnumerable<string> Actions(string annotation)
    {
        var start = 0;
        var quote = '\0';
        for (var i = 0; i <= annotation.Length; i++)
        {
            if (i < annotation.Length && annotation[i] is '"' or '\'')
                quote = quote == '\0' ? annotation[i] : quote == annotation[i] ? '\0' : quote;
            if (i < annotation.Length && (annotation[i] != ';' || quote != '\0'))
                continue;
            var action = annotation[start..i].Trim();
            if (action.Length > 0)
                yield return action;
            start = i + 1;
        }
    }

    private static string Quoted(string text, int lineNumber) =>
        text.Length >= 2 && text[0] is '"' or '\'' && text[^1] == text[0]
            ? text[1..^1]
            : throw new FormatException($"README line {lineNumber}: expected a \"quoted\" text, got '{text}'");

    [GeneratedRegex(@"^<!-- readme-test: (.*) -->$")]
    private static partial Regex Annotation();
}
