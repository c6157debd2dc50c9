namespace Supervisor.Configuration;

/// <summary>Finds the known key a mistyped one was most likely meant to be.</summary>
internal static class KeySuggester
{
    public static string? Suggest(string unknown, IEnumerable<string> known)
    {
        // Gunicorn users write flags' spelling (max-requests) or capitals; those are not typos.
        var normalized = unknown.Replace('-', '_').ToLowerInvariant();
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var key in known)
        {
            var distance = Distance(normalized, key);
            if (distance < bestDistance)
            {
                best = key;
                bestDistance = distance;
            }
        }

        var tolerance = Math.Max(2, normalized.Length / 3);
        return bestDistance <= tolerance ? best : null;
    }

    /// <summary>Optimal string alignment distance: Levenshtein plus swaps of neighbours ("wrokers").</summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
