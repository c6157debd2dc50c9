using System.Runtime.InteropServices;

namespace Supervisor.Platform;

/// <summary>
/// Expands an OpenSSL cipher string ("ECDHE+AESGCM:!aNULL") into the cipher suites it selects, by asking the
/// system's OpenSSL, the one the workers' TLS runs on, so the list matches what OpenSSL itself would offer. As
/// Python's <c>SSLContext.set_ciphers</c> (Gunicorn's ciphers), the string chooses the TLS 1.2 suites; TLS 1.3's
/// stay OpenSSL's defaults and come first.
/// </summary>
internal static unsafe class OpenSslCiphers
{
    private static readonly string[] SslNames = ["libssl.so.3", "libssl.so.1.1", "libssl.so"];
    private static readonly string[] CryptoNames = ["libcrypto.so.3", "libcrypto.so.1.1", "libcrypto.so"];

    /// <summary>The IANA numbers of the suites, in OpenSSL's order; empty when nothing matches.</summary>
    /// <exception cref="DllNotFoundException">There is no OpenSSL on this machine.</exception>
    public static IReadOnlyList<int> Expand(string cipherString)
    {
        ArgumentNullException.ThrowIfNull(cipherString);
        var ssl = Load(SslNames);
        var crypto = Load(CryptoNames);
        var serverMethod = (delegate* unmanaged<nint>)NativeLibrary.GetExport(ssl, "TLS_server_method");
        var contextNew = (delegate* unmanaged<nint, nint>)NativeLibrary.GetExport(ssl, "SSL_CTX_new");
        var contextFree = (delegate* unmanaged<nint, void>)NativeLibrary.GetExport(ssl, "SSL_CTX_free");
        var setCipherList = (delegate* unmanaged<nint, byte*, int>)NativeLibrary.GetExport(ssl, "SSL_CTX_set_cipher_list");
        var sslNew = (delegate* unmanaged<nint, nint>)NativeLibrary.GetExport(ssl, "SSL_new");
        var sslFree = (delegate* unmanaged<nint, void>)NativeLibrary.GetExport(ssl, "SSL_free");
        var getCiphers = (delegate* unmanaged<nint, nint>)NativeLibrary.GetExport(ssl, "SSL_get_ciphers");
        var protocolId = (delegate* unmanaged<nint, ushort>)NativeLibrary.GetExport(ssl, "SSL_CIPHER_get_protocol_id");
        var stackCount = (delegate* unmanaged<nint, int>)NativeLibrary.GetExport(crypto, "OPENSSL_sk_num");
        var stackValue = (delegate* unmanaged<nint, int, nint>)NativeLibrary.GetExport(crypto, "OPENSSL_sk_value");
        var clearErrors = (delegate* unmanaged<void>)NativeLibrary.GetExport(crypto, "ERR_clear_error");

        var context = contextNew(serverMethod());
        if (context == 0)
        {
            throw new InvalidOperationException("OpenSSL could not create a TLS context.");
        }

        nint connection = 0;
        try
        {
            var text = Marshal.StringToCoTaskMemUTF8(cipherString);
            try
            {
                if (setCipherList(context, (byte*)text) != 1)
                {
                    return [];
                }
            }
            finally
            {
                Marshal.FreeCoTaskMem(text);
            }

            connection = sslNew(context);
            var ciphers = connection == 0 ? 0 : getCiphers(connection);
            var ids = new List<int>();
            for (var i = 0; ciphers != 0 && i < stackCount(ciphers); i++)
            {
                ids.Add(protocolId(stackValue(ciphers, i)));
            }

            return ids;
        }
        finally
        {
            if (connection != 0)
            {
                sslFree(connection);
            }

            contextFree(context);
            // A string that matched nothing leaves errors on this thread's queue; the runtime's own TLS shares it.
            clearErrors();
        }
    }

    private static nint Load(string[] names)
    {
        foreach (var name in names)
        {
            if (NativeLibrary.TryLoad(name, out var handle))
            {
                return handle;
            }
        }

        throw new DllNotFoundException($"OpenSSL ({names[0]}) is not installed on this machine.");
    }
}
