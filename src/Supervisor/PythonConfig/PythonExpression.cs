using System.Text;

namespace Supervisor.PythonConfig;

/// <summary>
/// Evaluates the right-hand side of a plain assignment in a Gunicorn config file: Python literals (strings,
/// numbers, True, False, None, lists, tuples, dicts), + - * // on them, names assigned earlier in the file, and
/// multiprocessing.cpu_count() (or os.cpu_count()) as a <see cref="CpuCount"/>. Anything else is not evaluated,
/// and <see cref="PythonSyntaxException"/> says what it was.
/// </summary>
internal sealed class PythonExpression
{
    private readonly string _text;
    private readonly IReadOnlyDictionary<string, object?> _names;
    private readonly HashSet<string> _used;
    private int _position;

    private PythonExpression(string text, IReadOnlyDictionary<string, object?> names, HashSet<string> used)
    {
        _text = text;
        _names = names;
        _used = used;
    }

    /// <param name="names">Values assigned earlier in the file.</param>
    /// <param name="used">Collects the earlier names the expression refers to.</param>
    /// <exception cref="PythonSyntaxException">The expression is not one convert evaluates.</exception>
    public static object? Evaluate(string text, IReadOnlyDictionary<string, object?> names, HashSet<string> used)
    {
        var expression = new PythonExpression(text, names, used);
        var value = expression.Sum();
        expression.SkipBlanks();
        if (expression._position < text.Length)
        {
            throw new PythonSyntaxException($"cannot read '{text[expression._position..].Trim()}'");
        }

        return value;
    }

    private object? Sum()
    {
        var value = Product();
        while (TryOperator("+", "-") is { } op)
        {
            value = Arithmetic.Apply(op, value, Product());
        }

        return value;
    }

    private object? Product()
    {
        var value = Unary();
        while (TryOperator("//", "*", "/", "%") is { } op)
        {
            value = Arithmetic.Apply(op, value, Unary());
        }

        return value;
    }

    private object? Unary() => TryOperator("-") is not null ? Arithmetic.Apply("*", -1L, Unary()) : Atom();

    private object? Atom()
    {
        SkipBlanks();
        if (_position >= _text.Length)
        {
            throw new PythonSyntaxException("the value is missing");
        }

        var c = _text[_position];
        if (c == '(')
        {
            var items = Items(')', out var comma);
            return items.Count == 1 && !comma ? items[0] : items.ToArray();
        }

        if (c == '[')
        {
            return Items(']', out _).ToArray();
        }

        if (c == '{')
        {
            return Dictionary();
        }

        if (char.IsAsciiDigit(c) || (c == '.' && _position + 1 < _text.Length && char.IsAsciiDigit(_text[_position + 1])))
        {
            return PythonLiterals.Number(_text, ref _position);
        }

        if (StringStart() is { } prefix)
        {
            var text = new StringBuilder();
            for (var next = prefix; next is not null; next = StringStart())
            {
                // Adjacent literals join, as Python joins them.
                text.Append(PythonLiterals.QuotedString(_text, ref _position, next));
            }

            return text.ToString();
        }

        return NameOrCall();
    }

    private List<object?> Items(char close, out bool comma)
    {
        _position++;
        var items = new List<object?>();
        comma = false;
        while (true)
        {
            SkipBlanks();
            if (Peek() == close)
            {
                _position++;
                return items;
            }

            items.Add(Sum());
            SkipBlanks();
            if (Peek() == ',')
            {
                comma = true;
                _position++;
            }
            else if (Peek() != close)
            {
                throw new PythonSyntaxException($"expected ',' or '{close}'");
            }
        }
    }

    private Dictionary<string, object?> Dictionary()
    {
        _position++;
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        while (true)
        {
            SkipBlanks();
            if (Peek() == '}')
            {
                _position++;
                return result;
            }

            var key = Sum() as string ?? throw new PythonSyntaxException("a dict key that is not a string");
            SkipBlanks();
            if (Peek() != ':')
            {
                throw new PythonSyntaxException("expected ':' in a dict");
            }

            _position++;
            result[key] = Sum();
            SkipBlanks();
            if (Peek() == ',')
            {
                _position++;
            }
            else if (Peek() != '}')
            {
                throw new PythonSyntaxException("expected ',' or '}' in a dict");
            }
        }
    }

    private object? NameOrCall()
    {
        var start = _position;
        while (_position < _text.Length && (char.IsAsciiLetterOrDigit(_text[_position]) || _text[_position] is '_' or '.'))
        {
            _position++;
        }

        var name = _text[start.._position];
        if (name.Length == 0)
        {
            throw new PythonSyntaxException($"cannot read '{_text[start..].Trim()}'");
        }

        SkipBlanks();
        if (Peek() == '(')
        {
            var close = _text.IndexOf(')', _position);
            var arguments = close < 0 ? "" : _text[(_position + 1)..close].Trim();
            if (name is "multiprocessing.cpu_count" or "os.cpu_count" && arguments.Length == 0)
            {
                _position = close + 1;
                return new CpuCount(1, 0);
            }

            throw new PythonSyntaxException(name is "os.environ.get" or "os.getenv"
                ? $"it reads the environment variable {arguments.Split(',')[0].Trim()} when Gunicorn starts"
                : $"it calls {name}(), which only Python can run");
        }

        switch (name)
        {
            case "True":
                return true;
            case "False":
                return false;
            case "None":
                return null;
        }

        if (_names.TryGetValue(name, out var value))
        {
            _used.Add(name);
            return value;
        }

        throw new PythonSyntaxException($"it refers to {name}, which is not assigned above it in the file");
    }

    private string? StringStart()
    {
        SkipBlanks();
        return PythonLiterals.StringStart(_text, ref _position);
    }

    private string? TryOperator(params string[] operators)
    {
        SkipBlanks();
        foreach (var op in operators)
        {
            if (string.CompareOrdinal(_text, _position, op, 0, op.Length) == 0
                && !(op == "*" && Peek(1) == '*') && !(op == "/" && Peek(1) == '/'))
            {
                _position += op.Length;
                return op;
            }
        }

        return null;
    }

    private char Peek(int ahead = 0) => _position + ahead < _text.Length ? _text[_position + ahead] : '\0';

    private void SkipBlanks()
    {
        while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
        {
            _position++;
        }
    }
}
