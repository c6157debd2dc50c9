# syntax=docker/dockerfile:1
# The production image: the supervisor as the container's main process, running SampleApp workers.
# Build: docker compose up --build (see docker-compose.yml), or docker build -t supervisor-sample .

# --- build: the SDK restores, then publishes the app and the supervisor ---
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Project files first: the restore layer is reused until a dependency changes.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Worker/Worker.csproj src/Worker/
COPY src/Supervisor/Supervisor.csproj src/Supervisor/
COPY src/SampleApp/SampleApp.csproj src/SampleApp/
RUN dotnet restore src/SampleApp/SampleApp.csproj && dotnet restore src/Supervisor/Supervisor.csproj
COPY src/ src/
RUN dotnet publish src/SampleApp/SampleApp.csproj -c Release --no-restore -o /out/app \
 && dotnet publish src/Supervisor/Supervisor.csproj -c Release --no-restore -o /out/supervisor

# --- runtime: the ASP.NET runtime only, as a non-root user, under tini ---
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# tini reaps orphans the master did not start (it reaps only its own workers); curl runs the health check.
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini curl \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /out/app /app/out/app
COPY --from=build /out/supervisor /app/out/supervisor
COPY gunicorn.toml entrypoint.sh /app/
# The collected static files, shared with nginx through a volume; written by the non-root user.
RUN chmod 0755 /app/entrypoint.sh && mkdir -p /app/static && chown app:app /app/static
ENV STATIC_ROOT=/app/static \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
# The .NET images' unprivileged user.
USER app
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8000/readyz || exit 1
ENTRYPOINT ["/usr/bin/tini", "--", "/app/entrypoint.sh"]
