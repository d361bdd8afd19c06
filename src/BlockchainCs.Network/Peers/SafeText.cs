using System.Globalization;
using System.Text;

namespace BlockchainCs.Network;

/// <summary>
/// Text a peer chose (user agent, reject reason, alert text) made safe to log: control and formatting characters
/// (newlines, escape sequences, bidirectional overrides) become '?', and the length is capped, so a peer can neither
/// forge log lines nor flood the terminal.
/// </summary>
public static class SafeText
{
    public const int DefaultMaxLength = 120;

    public static string Sanitize(string? text, int maxLength = DefaultMaxLength)
    {
        if (string.IsNullOrEmpty(text))
            return "";
        var builder = new StringBuilder(Math.Min(text.Length, maxLength + 1));
        foreach (var rune in text.EnumerateRunes())
        {
            if (builder.Length >= maxLength)
            {
                builder.Append('…');
                break;
            }

            var category = Rune.GetUnicodeCategory(rune);
            var unsafeRune = category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned;
            if (unsafeRune)
                builder.Append('?');
            else
                builder.Append(rune.ToString());
        }

        return builder.ToString();
    }
}
