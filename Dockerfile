# syntax=docker/dockerfile:1
# The production image: the supervisor as the container's main process, running SampleApp workers.
# Build: docker compose up --build (see docker-compose.yml), or docker build -t supervisor-sample .
#
# The app and the supervisor are Native AOT executables by default: a worker starts in a fraction of the
# time and memory of a JIT one (README, "Native AOT"). For the JIT build, on the ASP.NET runtime (needed by
# timeout_dump, which reads a JIT worker's managed stacks): docker build --build-arg BUILD=jit .
# The base images are pinned to a patch release, so a rebuild ships the same runtime until these tags change.
ARG BUILD=aot

# --- build: the SDK restores, then publishes the app and the supervisor ---
FROM mcr.microsoft.com/dotnet/sdk:10.0.401 AS build
ARG BUILD
# Native AOT compiles with clang and links with zlib; the publish options follow from BUILD.
RUN case "$BUILD" in \
      aot) apt-get update \
           && apt-get install -y --no-install-recommends clang zlib1g-dev \
           && rm -rf /var/lib/apt/lists/* \
           && echo "-r linux-x64 -p:PublishAot=true" > /publish-options ;; \
      jit) : > /publish-options ;; \
      *) echo "BUILD is aot (the default) or jit, not '$BUILD'." >&2; exit 1 ;; \
    esac
WORKDIR /src
# Project files first: the restore layer is reused until a dependency changes.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Worker/Worker.csproj src/Worker/
COPY src/Supervisor/Supervisor.csproj src/Supervisor/
COPY src/SampleApp/SampleApp.csproj src/SampleApp/
RUN dotnet restore src/SampleApp/SampleApp.csproj $(cat /publish-options) \
 && dotnet restore src/Supervisor/Supervisor.csproj $(cat /publish-options)
COPY src/ src/
# The AOT executables' debug symbols (*.dbg) stay in this stage.
RUN dotnet publish src/SampleApp/SampleApp.csproj -c Release --no-restore $(cat /publish-options) -o /out/app \
 && dotnet publish src/Supervisor/Supervisor.csproj -c Release --no-restore $(cat /publish-options) -o /out/supervisor \
 && rm -f /out/app/*.dbg /out/supervisor/*.dbg

# --- runtime: Native AOT executables need only the runtime's native dependencies; JIT ones, ASP.NET Core ---
FROM mcr.microsoft.com/dotnet/runtime-deps:10.0.12 AS runtime-aot
FROM mcr.microsoft.com/dotnet/aspnet:10.0.12 AS runtime-jit

# --- the image: the build's outputs, as a non-root user, under tini ---
FROM runtime-${BUILD} AS runtime
# tini reaps orphans the master did not start (it reaps only its own workers); curl runs the health check.
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini curl \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /out/app /app/out/app
COPY --from=build /out/supervisor /app/out/supervisor
COPY gunicorn.toml entrypoint.sh /app/
# The folders the non-root user writes: the collected static files, shared with nginx through a volume, and
# gunicorn.toml's pidfile folder (the master creates no folder itself); /app/secrets, root's, is where Kubernetes
# mounts control_token_file.
RUN chmod 0755 /app/entrypoint.sh \
 && mkdir -p /app/static /app/out/run /app/secrets \
 && chown "$APP_UID:$APP_UID" /app/static /app/out/run
ENV STATIC_ROOT=/app/static \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
# The .NET images' unprivileged user (app), by number: Kubernetes' runAsNonRoot accepts only a numeric user.
USER $APP_UID
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8000/readyz || exit 1
ENTRYPOINT ["/usr/bin/tini", "--", "/app/entrypoint.sh"]
