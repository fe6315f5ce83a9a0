# Shared by the bench scripts: a throwaway local registry and timing helpers. Sourced, not run.

bench_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"

# Starts Debian's docker-registry on a free loopback port; sets REGISTRY (host:port), SCHEME (http or
# https) and BENCH_TMP.
# With BENCH_TLS=1 in the environment it serves TLS (HTTP/2) with a throwaway self-signed
# certificate, as remote registries do; the scripts' --tls-verify=false then has both tools speak
# TLS without checking it (otherwise: plain HTTP, which both tools fall back to).
start_registry() {
  command -v docker-registry >/dev/null || { echo "bench: docker-registry is missing (apt-get install docker-registry)" >&2; exit 1; }
  command -v skopeo >/dev/null || { echo "bench: skopeo is missing (apt-get install skopeo)" >&2; exit 1; }
  BENCH_TMP="$(mktemp -d "${TMPDIR:-/tmp}/spyglass-bench.XXXXXX")"
  local port tls=""
  port="$(free_port)"
  SCHEME=http
  if [[ ${BENCH_TLS:-} == 1 ]]; then
    SCHEME=https
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj /CN=127.0.0.1 \
      -addext subjectAltName=IP:127.0.0.1 -keyout "$BENCH_TMP/key.pem" -out "$BENCH_TMP/cert.pem" 2>/dev/null
    tls=", tls: {certificate: $BENCH_TMP/cert.pem, key: $BENCH_TMP/key.pem}"
  fi
  # Debian's shipped /etc/docker/registry/config.yml, minus auth, on a loopback port.
  cat >"$BENCH_TMP/config.yml" <<YML
version: 0.1
log: {level: error}
storage:
  cache: {blobdescriptor: inmemory}
  filesystem: {rootdirectory: $BENCH_TMP/storage}
  delete: {enabled: true}
http: {addr: 127.0.0.1:$port$tls}
YML
  docker-registry serve "$BENCH_TMP/config.yml" >"$BENCH_TMP/registry.log" 2>&1 &
  REGISTRY_PID=$!
  trap 'kill $REGISTRY_PID 2>/dev/null; rm -rf "$BENCH_TMP"' EXIT
  REGISTRY="127.0.0.1:$port"
  await_registry "$REGISTRY" "the registry" "$BENCH_TMP/registry.log"
}

# free_port: a TCP port free on loopback now.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null \
    || echo $((20000 + RANDOM % 20000))
}

# await_registry HOST:PORT WHAT LOG: waits up to 10 s for /v2/ to answer there; else prints LOG, exits.
await_registry() {
  for _ in $(seq 100); do
    curl -kfsS "$SCHEME://$1/v2/" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "bench: $2 did not start:" >&2; cat "$3" >&2; exit 1
}

# start_lag_proxy RTT_MS: a proxy in front of the registry (bench/lagproxy.py) that delays each
# direction by half of RTT_MS; sets LAGGED (host:port), the registry as seen through it.
start_lag_proxy() {
  command -v python3 >/dev/null || { echo "bench: python3 is missing (apt-get install python3)" >&2; exit 1; }
  local port
  port="$(free_port)"
  python3 "$bench_root/bench/lagproxy.py" "$(awk -v r="$1" 'BEGIN {print r / 2}')" "$port" "${REGISTRY##*:}" \
    >"$BENCH_TMP/lagproxy.log" 2>&1 &
  LAG_PID=$!
  trap 'kill $LAG_PID $REGISTRY_PID 2>/dev/null; rm -rf "$BENCH_TMP"' EXIT
  LAGGED="127.0.0.1:$port"
  await_registry "$LAGGED" "the delaying proxy" "$BENCH_TMP/lagproxy.log"
}

# make_image DIR SEED [LAYERS]: a small schema2 image (LAYERS layers, default one; labels, env) in
# skopeo's dir: format.
make_image() {
  local dir="$1" seed="$2" layers="${3:-1}" n l ls diff diffs="" descs=""
  mkdir -p "$dir"
  for n in $(seq 1 "$layers"); do
    printf 'layer %s.%s\n' "$seed" "$n" | gzip -n >"$dir/layer"
    l="$(sha256sum "$dir/layer" | cut -d' ' -f1)"; ls="$(stat -c %s "$dir/layer")"
    diff="$(printf 'layer %s.%s\n' "$seed" "$n" | sha256sum | cut -d' ' -f1)"
    mv "$dir/layer" "$dir/$l"
    diffs+="${diffs:+,}\"sha256:$diff\""
    descs+="${descs:+,}{\"mediaType\":\"application/vnd.docker.image.rootfs.diff.tar.gzip\",\"size\":$ls,\"digest\":\"sha256:$l\"}"
  done
  printf '{"architecture":"amd64","os":"linux","created":"2024-01-01T00:00:00Z","config":{"Env":["SEED=%s"],"Labels":{"bench":"%s"}},"rootfs":{"type":"layers","diff_ids":[%s]}}' \
    "$seed" "$seed" "$diffs" >"$dir/config"
  local c cs
  c="$(sha256sum "$dir/config" | cut -d' ' -f1)"; cs="$(stat -c %s "$dir/config")"
  mv "$dir/config" "$dir/$c"
  printf '{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":%s,"digest":"sha256:%s"},"layers":[%s]}' \
    "$cs" "$c" "$descs" >"$dir/manifest.json"
  printf 'Directory Transport Version: 1.1\n' >"$dir/version"
}

# make_big_image DIR LAYERS MIB_EACH: a schema2 image of LAYERS random layers in skopeo's dir: format.
make_big_image() {
  local dir="$1" layers="$2" mib="$3" i f d diffs="" descs=""
  mkdir -p "$dir"
  for i in $(seq 1 "$layers"); do
    f="$dir/layer$i"
    { printf '\037\213\010\000\000\000\000\000\000\003'; head -c "$((mib * 1024 * 1024))" /dev/urandom; } >"$f"
    d="$(sha256sum "$f" | cut -d' ' -f1)"
    mv "$f" "$dir/$d"
    diffs+="${diffs:+,}\"sha256:$d\""
    descs+="${descs:+,}{\"mediaType\":\"application/vnd.docker.image.rootfs.diff.tar.gzip\",\"size\":$(stat -c %s "$dir/$d"),\"digest\":\"sha256:$d\"}"
  done
  printf '{"architecture":"amd64","os":"linux","created":"2024-01-01T00:00:00Z","config":{},"rootfs":{"type":"layers","diff_ids":[%s]}}' "$diffs" >"$dir/config"
  d="$(sha256sum "$dir/config" | cut -d' ' -f1)"
  local cs; cs="$(stat -c %s "$dir/config")"
  mv "$dir/config" "$dir/$d"
  printf '{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":%s,"digest":"sha256:%s"},"layers":[%s]}' \
    "$cs" "$d" "$descs" >"$dir/manifest.json"
  printf 'Directory Transport Version: 1.1\n' >"$dir/version"
}

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# registry_cpu_ms: the CPU time (user + system) the registry process has used so far, in ms. On
# loopback the registry shares the cores with the tool measured: this shows what it takes of them.
registry_cpu_ms() {
  local stat ticks
  read -r -a stat <"/proc/$REGISTRY_PID/stat"
  ticks=$(( stat[13] + stat[14] ))
  echo $(( ticks * 1000 / $(getconf CLK_TCK) ))
}

# children_cpu: sets CHILD_CPU_MS to the CPU time (user + system, ms) that this shell's finished
# children have used, from bash's `times` (no command substitution: a subshell's `times` counts
# only its own children, and no external command, whose CPU would count too).
children_cpu() {
  local shell_line child_line t m sec
  times >"$BENCH_TMP/times"
  { read -r shell_line; read -r child_line; } <"$BENCH_TMP/times"
  CHILD_CPU_MS=0
  for t in $child_line; do # "0m1.250s 0m0.310s"
    m="${t%%m*}"; sec="${t#*m}"; sec="${sec%s}"
    CHILD_CPU_MS=$(( CHILD_CPU_MS + (10#$m * 60 + 10#${sec%.*}) * 1000 + 10#${sec#*.} ))
  done
}

# time_ms CMD...: runs CMD with stdout discarded, prints its wall time in ms and leaves the CPU time
# it used (user + system, ms) in $BENCH_TMP/last.cpu; fails loudly when CMD fails.
time_ms() {
  local start end c0
  children_cpu; c0=$CHILD_CPU_MS
  start="$(now_ms)"
  "$@" >/dev/null 2>"$BENCH_TMP/last.err" || { echo "bench: failed: $*" >&2; cat "$BENCH_TMP/last.err" >&2; exit 1; }
  end="$(now_ms)"
  children_cpu
  echo $(( CHILD_CPU_MS - c0 )) >"$BENCH_TMP/last.cpu"
  echo $(( end - start ))
}

# cpu_floor "TOOL_MS..." "REGISTRY_MS...": on loopback the tool and the registry share this machine's
# cores, so no run can take less wall time than their CPU time together over the cores; prints
# the median of that floor over the runs.
cpu_floor() {
  local own=($1) reg=($2) floors=() i cores
  cores="$(nproc)"
  for i in "${!own[@]}"; do floors+=("$(( (own[i] + reg[i]) / cores ))"); done
  echo "CPU floor, (tool + registry CPU) / $cores cores, median: $(printf '%s\n' "${floors[@]}" | median) ms"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a/b}'; }
