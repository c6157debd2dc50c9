using System.Net.Sockets;
using Npgsql;

namespace SampleApp.Data;

/// <summary>Which exceptions mean "the database cannot serve this now" (503), as opposed to a bug (500).</summary>
internal static class DatabaseFailure
{
    public static bool IsUnavailable(Exception e) =>
        e is NpgsqlException or SocketException or TimeoutException
        || e is InvalidOperationException { InnerException: NpgsqlException or SocketException or TimeoutException };
}
