namespace Supervisor.Configuration.Catalogue;

/// <summary>
/// Gunicorn's settings that are not entries of <see cref="Settings"/>, each with its verdict and what to use
/// instead. With the catalogue it covers every setting of Gunicorn's config.py: docs/gunicorn-settings.md is
/// written from both.
/// </summary>
internal static class GunicornSettings
{
    private const string Kestrel = "each worker is a .NET process serving HTTP with Kestrel";
    private const string NoPython = "there is no Python here: the app is a .NET program started by the app command";
    private const string HookNote = "Gunicorn's hooks are Python functions; here a hook is a command run with the event in its environment";

    public static readonly IReadOnlyList<GunicornSetting> All =
    [
        new("config", ["-c", "--config"], Verdict.Different, "-c/--config names a TOML file (gunicorn.toml); supervisor convert gunicorn.conf.py writes one from a Gunicorn config file"),
        new("wsgi_app", [], Verdict.Different, "the app is a command, set with app = [\"dotnet\", \"MyApp.dll\"] or after --"),
        new("worker_class", ["-k", "--worker-class"], Verdict.NotApplicable, Kestrel + ", asynchronous by nature; to serve more at once, raise workers"),
        new("threads", ["--threads"], Verdict.NotApplicable, Kestrel + " on the .NET thread pool, which sizes itself; raise workers to use more CPUs"),
        new("reload_engine", ["--reload-engine"], Verdict.NotApplicable, "file changes are watched with the runtime's own watcher (inotify); there is no engine to choose"),
        new("spew", ["--spew"], Verdict.NotApplicable, NoPython + "; use dotnet-trace or timeout_dump to see where a worker is", IsSwitch: true),
        new("check_config", ["--check-config"], Verdict.Different, "supervisor run --check-config checks the configuration and exits, as supervisor check does; it is not a key of the file", IsSwitch: true),
        new("print_config", ["--print-config"], Verdict.Different, "supervisor run --print-config prints the effective configuration and exits, as supervisor check --print does; it is not a key of the file", IsSwitch: true),
        new("preload_app", ["--preload"], Verdict.NotApplicable, "a .NET app cannot be loaded once and forked; each worker starts the app itself (Native AOT makes that quick)", IsSwitch: true),
        new("sendfile", ["--no-sendfile"], Verdict.NotApplicable, "Kestrel decides how a file is sent", IsSwitch: true),
        new("worker_tmp_dir", ["--worker-tmp-dir"], Verdict.NotApplicable, "the scoreboard always lives in tmpfs (/dev/shm), where Gunicorn's documentation advises putting worker_tmp_dir; without /dev/shm, in the temp folder ($TMPDIR)"),
        new("tmp_upload_dir", [], Verdict.NotApplicable, "ASP.NET Core buffers large request bodies to the folder in ASPNETCORE_TEMP"),
        new("logger_class", ["--logger-class"], Verdict.NotApplicable, NoPython + "; log_format = \"json\" gives structured lines"),
        new("logconfig", ["--log-config"], Verdict.NotApplicable, NoPython + "; use loglevel, errorlog and log_format"),
        new("logconfig_dict", [], Verdict.NotApplicable, NoPython + "; use loglevel, errorlog and log_format"),
        new("logconfig_json", ["--log-config-json"], Verdict.NotApplicable, NoPython + "; use loglevel, errorlog and log_format"),
        new("enable_stdio_inheritance", ["-R", "--enable-stdio-inheritance"], Verdict.NotApplicable, "workers always inherit the master's stdout and stderr, unbuffered", IsSwitch: true),
        new("enable_backlog_metric", ["--enable-backlog-metric"], Verdict.Different, "the listen queue is always on /metrics (supervisor_listen_queue_length) when control_bind is set", IsSwitch: true),
        new("default_proc_name", [], Verdict.NotApplicable, "it is Gunicorn's internal fallback for proc_name"),
        new("pythonpath", ["--pythonpath"], Verdict.NotApplicable, NoPython),
        new("paste", ["--paste", "--paster"], Verdict.NotApplicable, NoPython),
        new("raw_paste_global_conf", ["--paste-global"], Verdict.NotApplicable, NoPython),
        new("pre_fork", [], Verdict.NotApplicable, HookNote + "; there is no fork without exec to hook into"),
        new("post_fork", [], Verdict.NotApplicable, HookNote + "; code that runs as a worker starts belongs in the app's startup"),
        new("post_worker_init", [], Verdict.NotApplicable, "code that runs once a worker is up belongs in the app (IHostApplicationLifetime.ApplicationStarted)"),
        new("worker_int", [], Verdict.NotApplicable, "code that runs as a worker stops belongs in the app (IHostApplicationLifetime.ApplicationStopping)"),
        new("pre_exec", [], Verdict.NotApplicable, HookNote + "; a binary upgrade (USR2) runs the new supervisor as it is"),
        new("pre_request", [], Verdict.NotApplicable, "code that runs before each request belongs in the app's middleware"),
        new("post_request", [], Verdict.NotApplicable, "code that runs after each request belongs in the app's middleware"),
        new("child_exit", [], Verdict.NotApplicable, HookNote + "; worker_exit runs in the master for every worker that exits"),
        new("ssl_context", [], Verdict.NotApplicable, "TLS is set with certfile, keyfile, ca_certs, cert_reqs, ssl_version and ciphers"),
        new("protocol", ["--protocol"], Verdict.NotApplicable, "workers speak HTTP only; put nginx in front for uwsgi clients"),
        new("uwsgi_allow_ips", ["--uwsgi-allow-from"], Verdict.NotApplicable, "workers speak HTTP only"),
        new("suppress_ragged_eofs", ["--suppress-ragged-eofs"], Verdict.NotApplicable, "Kestrel handles a TLS close without close_notify itself", IsSwitch: true),
        new("do_handshake_on_connect", ["--do-handshake-on-connect"], Verdict.NotApplicable, "Kestrel always handshakes as a connection is accepted", IsSwitch: true),
        new("http2_max_header_list_size", ["--http2-max-header-list-size"], Verdict.Different, "HTTP/2's header list is bounded as HTTP/1.1's headers are, by limit_request_fields times limit_request_field_size (Kestrel's MaxRequestHeadersTotalSize), which Kestrel also advertises as SETTINGS_MAX_HEADER_LIST_SIZE"),
        new("permit_obsolete_folding", ["--permit-obsolete-folding"], Verdict.NotApplicable, "Kestrel's HTTP parser is strict and has no such switch", IsSwitch: true),
        new("strip_header_spaces", ["--strip-header-spaces"], Verdict.NotApplicable, "Kestrel's HTTP parser is strict and has no such switch", IsSwitch: true),
        new("permit_unconventional_http_method", ["--permit-unconventional-http-method"], Verdict.NotApplicable, "Kestrel's HTTP parser is strict and has no such switch", IsSwitch: true),
        new("permit_unconventional_http_version", ["--permit-unconventional-http-version"], Verdict.NotApplicable, "Kestrel's HTTP parser is strict and has no such switch", IsSwitch: true),
        new("casefold_http_method", ["--casefold-http-method"], Verdict.NotApplicable, "Kestrel's HTTP parser is strict and has no such switch", IsSwitch: true),
        new("forwarder_headers", ["--forwarder-headers"], Verdict.NotApplicable, "it names WSGI environ headers; forwarded headers will come with forwarded_allow_ips"),
        new("header_map", ["--header-map"], Verdict.NotApplicable, "it maps headers into the WSGI environ, which ASP.NET Core does not have"),
        new("asgi_loop", ["--asgi-loop"], Verdict.NotApplicable, NoPython),
        new("asgi_lifespan", ["--asgi-lifespan"], Verdict.NotApplicable, NoPython),
        new("asgi_disconnect_grace_period", ["--asgi-disconnect-grace-period"], Verdict.NotApplicable, NoPython),
        new("http_parser", ["--http-parser"], Verdict.NotApplicable, "Kestrel is the HTTP parser"),
        new("root_path", ["--root-path"], Verdict.NotApplicable, "set the path base in the app (app.UsePathBase)"),
        new("dirty_apps", ["--dirty-app"], Verdict.NotApplicable, "there are no dirty arbiters; run long work in a hosted service of the app"),
        new("dirty_workers", ["--dirty-workers"], Verdict.NotApplicable, "there are no dirty arbiters"),
        new("dirty_timeout", ["--dirty-timeout"], Verdict.NotApplicable, "there are no dirty arbiters"),
        new("dirty_threads", ["--dirty-threads"], Verdict.NotApplicable, "there are no dirty arbiters"),
        new("dirty_graceful_timeout", ["--dirty-graceful-timeout"], Verdict.NotApplicable, "there are no dirty arbiters"),
        new("on_dirty_starting", [], Verdict.NotApplicable, "there are no dirty arbiters"),
        new("dirty_post_fork", [], Verdict.NotApplicable, "there are no dirty arbiters"),
        new("dirty_worker_init", [], Verdict.NotApplicable, "there are no dirty arbiters"),
        new("dirty_worker_exit", [], Verdict.NotApplicable, "there are no dirty arbiters"),
        new("control_socket", ["--control-socket"], Verdict.Different, "supervisor reload, stop, status and scale find the master through pidfile; control_bind serves HTTP"),
        new("control_socket_mode", ["--control-socket-mode"], Verdict.Different, "the pidfile is what control commands use; control_bind is loopback unless control_allow_remote"),
        new("control_socket_disable", ["--no-control-socket"], Verdict.Different, "there is no control socket; control_bind is off unless set", IsSwitch: true),
    ];

    public static GunicornSetting? Find(string key) => All.FirstOrDefault(s => s.Key == key);

    public static GunicornSetting? FindFlag(string flag) => All.FirstOrDefault(s => s.Flags.Contains(flag));
}
