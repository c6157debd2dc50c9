using Supervisor.Configuration.Values;

namespace Supervisor.Tests.Configuration;

/// <summary>Lines are split as a POSIX shell (and Python's shlex.split) splits them.</summary>
public sealed class ShellWordsTests
{
    [Theory]
    [InlineData("/bin/echo --name 'hello world'", new[] { "/bin/echo", "--name", "hello world" })]
    [InlineData("--access-logformat '%(h)s %(r)s'", new[] { "--access-logformat", "%(h)s %(r)s" })]
    [InlineData("a\\ b \"c d\" e", new[] { "a b", "c d", "e" })]
    [InlineData("\"say \\\"hi\\\" \\\\ \\n\"", new[] { "say \"hi\" \\ \\n" })]
    [InlineData("'it''s' x'y'z", new[] { "its", "xyz" })]
    [InlineData("'' \"\" a", new[] { "", "", "a" })]
    [InlineData("  spaced\tout\n ", new[] { "spaced", "out" })]
    [InlineData("'$HOME' *.dll #x", new[] { "$HOME", "*.dll", "#x" })]
    [InlineData("", new string[0])]
    public void SplitsAsAShellWould(string line, string[] expected)
    {
        var words = ShellWords.Split(line, out var error);

        Assert.Null(error);
        Assert.Equal(expected, words);
    }

    [Theory]
    [InlineData("echo 'open", "the single quote at character 6 is not closed")]
    [InlineData("echo \"open \\\"", "the double quote at character 6 is not closed")]
    [InlineData("echo \\", "it ends with a backslash that escapes nothing")]
    public void SaysWhatIsWrongWithALineThatDoesNotSplit(string line, string message)
    {
        Assert.Null(ShellWords.Split(line, out var error));
        Assert.Equal(message, error);
    }
}
