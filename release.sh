#!/usr/bin/env bash
# Builds a release into out/release/: the supervisor as a .NET tool package (Supervisor.Cli), the Worker
# library's package (Supervisor.Worker), the supervisor as a Native AOT executable in
# supervisor-VERSION-linux-x64.tar.gz, and SHA256SUMS for them. The version is Directory.Build.props'
# VersionPrefix. Run ./release.sh --help for the options.
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
out="$root/out/release"
aot=1

say() {
  echo "release.sh: $*" >&2
}

usage() {
  cat <<'EOF'
Usage: ./release.sh [--no-aot] [-o DIR]

Builds, from this working tree, into out/release/ (or DIR):
  Supervisor.Cli.VERSION.nupkg             the 'supervisor' command, as a .NET tool:
                                           dotnet tool install -g Supervisor.Cli --add-source DIR
  Supervisor.Worker.VERSION.nupkg          the library an app references to become a worker
  supervisor-VERSION-linux-x64.tar.gz      'supervisor' as a Native AOT executable, no .NET runtime needed
  SHA256SUMS                               their checksums: sha256sum -c SHA256SUMS

Options:
  --no-aot    leave out the Native AOT archive (it takes minutes and needs clang and zlib1g-dev,
              which are installed with apt-get when run as root)
  -o DIR      write into DIR instead of out/release/
  -h, --help  show this help
EOF
}

while [ "$#" -gt 0 ]; do
  case "$1" in
    --no-aot) aot="" ;;
    -o)
      [ "$#" -ge 2 ] || { say "-o needs a folder; see ./release.sh --help."; exit 2; }
      out=$(mkdir -p "$2" && cd "$2" && pwd)
      shift
      ;;
    -h | --help) usage; exit 0 ;;
    *) say "unknown option '$1'; see ./release.sh --help."; exit 2 ;;
  esac
  shift
done

version=$(dotnet msbuild src/Supervisor/Supervisor.csproj -getProperty:Version -nologo)
archive="supervisor-$version-linux-x64"

if [ -n "$aot" ]; then
  # Native AOT links with clang and zlib.
  missing=()
  command -v clang >/dev/null 2>&1 || missing+=(clang)
  [ -e /usr/include/zlib.h ] || missing+=(zlib1g-dev)
  if [ "${#missing[@]}" -gt 0 ]; then
    if [ "$(id -u)" -ne 0 ]; then
      say "the Native AOT build needs these Debian packages: ${missing[*]}. Install them (sudo apt-get install ${missing[*]}), or leave the archive out with --no-aot."
      exit 1
    fi
    say "installing ${missing[*]} for the Native AOT build"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
fi

# The build runs on a copy of the sources without bin/ and obj/: nothing left over from a development
# build gets into a package, and a build running meanwhile in the working tree is not disturbed.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/tree"
tar --exclude=bin --exclude=obj -cf - global.json Directory.Build.props Directory.Packages.props .editorconfig \
  README.md LICENSE CHANGELOG.md src | tar -C "$work/tree" -xf -

mkdir -p "$out"
rm -f "$out/Supervisor.Cli.$version.nupkg" "$out/Supervisor.Worker.$version.nupkg" "$out/$archive.tar.gz" "$out/SHA256SUMS"

say "packing Supervisor.Cli and Supervisor.Worker $version"
dotnet pack "$work/tree/src/Supervisor" -c Release -o "$out" --nologo -v quiet
dotnet pack "$work/tree/src/Worker" -c Release -o "$out" --nologo -v quiet

if [ -n "$aot" ]; then
  say "publishing the supervisor with Native AOT (linux-x64)"
  dotnet publish "$work/tree/src/Supervisor" -c Release -r linux-x64 -p:PublishAot=true -o "$work/publish" --nologo -v quiet
  mkdir "$work/$archive"
  # The executable is the program, with inject/ (what the master injects into an unmodified app) beside it;
  # its debug symbols (supervisor.dbg) stay out.
  cp "$work/publish/supervisor" LICENSE README.md CHANGELOG.md "$work/$archive/"
  cp -r "$work/publish/inject" "$work/$archive/"
  tar -C "$work" --sort=name --owner=0 --group=0 --numeric-owner -czf "$out/$archive.tar.gz" "$archive"
fi

(cd "$out" && sha256sum -- "Supervisor.Cli.$version.nupkg" "Supervisor.Worker.$version.nupkg" ${aot:+"$archive.tar.gz"} > SHA256SUMS)
say "done: $out"
(cd "$out" && cat SHA256SUMS)
