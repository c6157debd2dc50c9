using Supervisor.PythonConfig;

namespace Supervisor.Tests.PythonConfig;

/// <summary>A Gunicorn config file becomes a gunicorn.toml, and what cannot be carried over is named with its line.</summary>
public sealed class GunicornConfigConverterTests
{
    // A production config of the kind Gunicorn users keep: imports, helpers, computed values, hooks.
    private const string Realistic = """
        # gunicorn.conf.py for the orders API
        import multiprocessing
        import os

        port = 8000
        bind = ["0.0.0.0:%d" % port, "unix:/run/orders/gunicorn.sock"]
        backlog = 2048

        workers = multiprocessing.cpu_count() * 2 + 1
        worker_class = "gthread"
        threads = 4
        timeout = 120
        graceful_timeout = 30
        keepalive = 5
        max_requests = 1000
        max_requests_jitter = 50

        accesslog = "-"
        errorlog = '-'
        loglevel = "info"
        access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(D)s'
        capture_output = True

        raw_env = [
            "DJANGO_SETTINGS_MODULE=orders.settings",  # the app's settings
            "TZ=UTC",
        ]
        limit_request_line = 8190
        umask = 0o027
        preload_app = True
        statsd_host = "localhost:8125"
        secure_scheme_headers = {"X-FORWARDED-PROTO": "https"}
        pidfile = None

        def post_fork(server, worker):
            server.log.info("Worker spawned (pid: %s)", worker.pid)

        def when_ready(server):
            server.log.info("Server is ready. Spawning workers")
        """;

    [Fact]
    public void ARealisticConfigIsCarriedOverAndWhatIsNotIsListedByLine()
    {
        var conversion = GunicornConfigConverter.Convert(Realistic, "gunicorn.conf.py");

        var settings = conversion.Toml.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        Assert.Equal(
        [
            "backlog = 2048",
            "workers = \"auto\"",
            "timeout = 120",
            "graceful_timeout = 30",
            "keepalive = 5",
            "max_requests = 1000",
            "max_requests_jitter = 50",
            "accesslog = \"-\"",
            "errorlog = \"-\"",
            "loglevel = \"info\"",
            "access_log_format = \"%(h)s %(l)s %(u)s %(t)s \\\"%(r)s\\\" %(s)s %(b)s \\\"%(f)s\\\" \\\"%(a)s\\\" %(D)s\"",
            "capture_output = true",
            "raw_env = [\"DJANGO_SETTINGS_MODULE=orders.settings\", \"TZ=UTC\"]",
            "limit_request_line = 8190",
            "umask = 23",
            "statsd_host = \"localhost:8125\"",
            "secure_scheme_headers = { \"X-FORWARDED-PROTO\" = \"https\" }",
        ], settings);
        Assert.Equal(18, conversion.Carried);
        Assert.Equal(
        [
            "gunicorn.conf.py:6: bind = [\"0.0.0.0:%d\" % port, \"unix:/run/orders/gunicorn.sock\"]: not carried over: a string formatted with %, which only Python can run",
            "gunicorn.conf.py:10: worker_class = \"gthread\": not carried over: worker_class is a Gunicorn setting with no meaning here: each worker is a .NET process serving HTTP with Kestrel, asynchronous by nature; to serve more at once, raise workers",
            "gunicorn.conf.py:11: threads = 4: not carried over: threads is a Gunicorn setting with no meaning here: each worker is a .NET process serving HTTP with Kestrel on the .NET thread pool, which sizes itself; raise workers to use more CPUs",
            "gunicorn.conf.py:30: preload_app = True: not carried over: preload_app is a Gunicorn setting with no meaning here: a .NET app cannot be loaded once and forked; each worker starts the app itself (Native AOT makes that quick)",
            "gunicorn.conf.py:35: def post_fork(server, worker):: not carried over: post_fork is a Gunicorn setting with no meaning here: Gunicorn's hooks are Python functions; here a hook is a command run with the event in its environment; code that runs as a worker starts belongs in the app's startup",
            "gunicorn.conf.py:38: def when_ready(server):: not carried over: when_ready is a Python function; here a hook is a command run with the event in its environment: set when_ready = \"...\" (docs/hooks.md)",
        ], conversion.NotCarried);
    }

    [Theory]
    [InlineData("workers = multiprocessing.cpu_count() * 4", "workers = multiprocessing.cpu_count() * 4: not carried over: it depends on the CPUs (4 x CPUs); set a number, or \"auto\" (2 x CPUs + 1)")]
    [InlineData("timeout = int(os.environ['TIMEOUT'])", "timeout = int(os.environ['TIMEOUT']): not carried over: it calls int(), which only Python can run")]
    [InlineData("bind = f\"0.0.0.0:{port}\"", "bind = f\"0.0.0.0:{port}\": not carried over: an f-string, which is evaluated when Gunicorn starts")]
    [InlineData("timeout = TIMEOUT", "timeout = TIMEOUT: not carried over: it refers to TIMEOUT, which is not assigned above it in the file")]
    [InlineData("if DEBUG:\n    loglevel = 'debug'", "if DEBUG:: not carried over: a statement that is not a plain assignment")]
    [InlineData("helper = 3", "helper = 3: not carried over: helper is not a Gunicorn setting (Gunicorn ignores it too)")]
    public void WhatCannotBeCarriedOverSaysWhy(string source, string expected)
    {
        var conversion = GunicornConfigConverter.Convert(source, "g.py");

        Assert.Equal($"g.py:1: {expected}", Assert.Single(conversion.NotCarried));
        Assert.Equal(0, conversion.Carried);
    }


    [Theory]
    [InlineData("host = '0.0.0.0'\nport = '8000'\nbind = host + ':' + port", "bind = \"0.0.0.0:8000\"")]
    [InlineData("workers = 2 * 3 + 1", "workers = 7")]
    [InlineData("workers = (os.cpu_count() * 2) + 1", "workers = \"auto\"")]
    [InlineData("bind = ('127.0.0.1:1', \"[::1]:2\",)", "bind = [\"127.0.0.1:1\", \"[::1]:2\"]")]
    [InlineData("access_log_format = ('%(h)s '\n    '%(r)s')", "access_log_format = \"%(h)s %(r)s\"")]
    [InlineData("errorlog = r'C:\\logs\\x' \\\n  ''", "errorlog = \"C:\\\\logs\\\\x\"")]
    [InlineData("raw_env = ['A=\"1\"\\n']", "raw_env = [\"A=\\\"1\\\"\\n\"]")]
    [InlineData("timeout = 1_000", "timeout = 1000")]
    [InlineData("daemon = False\nloglevel = \"\"\"debug\"\"\"", "loglevel = \"debug\"")]
    public void ValuesAreEvaluatedAsPythonWould(string source, string expected)
    {
        var conversion = GunicornConfigConverter.Convert(source, "g.py");

        Assert.Contains(expected, conversion.Toml.Split('\n'));
    }
}
