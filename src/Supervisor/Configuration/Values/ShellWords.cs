using System.Text;

namespace Supervisor.Configuration.Values;

/// <summary>
/// Splits a line into words as a POSIX shell does (and Python's shlex.split, which Gunicorn uses for
/// GUNICORN_CMD_ARGS): blanks separate words; single quotes keep everything literally; double quotes keep
/// everything but a backslash before <c>"</c> or <c>\</c>; a backslash outside quotes keeps the next character.
/// Nothing is expanded: no variables, globs or comments.
/// </summary>
internal static class ShellWords
{
    /// <returns>The words, or null with <paramref name="error"/> saying what is wrong with the line.</returns>
    public static List<string>? Split(string line, out string? error)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            switch (c)
            {
                case ' ' or '\t' or '\n' or '\r':
                    if (inWord)
                    {
                        words.Add(word.ToString());
                        word.Clear();
                        inWord = false;
                    }

                    continue;
                case '\\':
                    if (++i == line.Length)
                    {
                        error = "it ends with a backslash that escapes nothing";
                        return null;
                    }

                    word.Append(line[i]);
                    break;
                case '\'':
                    var close = line.IndexOf('\'', i + 1);
                    if (close < 0)
                    {
                        error = $"the single quote at character {i + 1} is not closed";
                        return null;
                    }

                    word.Append(line, i + 1, close - i - 1);
                    i = close;
                    break;
                case '"':
                    var start = i;
                    for (i++; i < line.Length && line[i] != '"'; i++)
                    {
                        if (line[i] == '\\' && i + 1 < line.Length && line[i + 1] is '"' or '\\')
                        {
                            i++;
                        }

                        word.Append(line[i]);
                    }

                    if (i == line.Length)
                    {
                        error = $"the double quote at character {start + 1} is not closed";
                        return null;
                    }

                    break;
                default:
                    word.Append(c);
                    break;
            }

            inWord = true;
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        error = null;
        return words;
    }
}
