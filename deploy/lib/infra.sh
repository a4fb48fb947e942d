# shellcheck shell=bash
# Infrastructure bring-up shared by deploy/run.sh and deploy/test.sh. Sourced, not run.
#
#   ensure_infra [--maven | --no-maven]
#
# For each of RabbitMQ (5672), PostgreSQL (5432) and Redis (6379): reuse it when its port
# answers; otherwise start the installed server; otherwise, when a Docker engine works,
# `docker compose up -d` its container; otherwise install it with apt-get and start it. Then
# waits for every port, creates the project's PostgreSQL role and database (idempotent), and
# checks Java 17 and the Maven wrapper (the default, --maven; skip the wrapper with --no-maven).
#
# Environment (all optional):
#   INFRA_WAIT_SECONDS      how long to wait for each server's port (default 120)
#   MARKETDATA_DB_NAME      database name (default marketdata)
#   MARKETDATA_DB_USER      role name (default marketdata)
#   MARKETDATA_DB_PASSWORD  role password (default marketdata)

# shellcheck source=deploy/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

INFRA_WAIT_SECONDS="${INFRA_WAIT_SECONDS:-120}"
MARKETDATA_DB_NAME="${MARKETDATA_DB_NAME:-marketdata}"
MARKETDATA_DB_USER="${MARKETDATA_DB_USER:-marketdata}"
MARKETDATA_DB_PASSWORD="${MARKETDATA_DB_PASSWORD:-marketdata}"
export MARKETDATA_DB_NAME MARKETDATA_DB_USER MARKETDATA_DB_PASSWORD

# The three servers: name, port, Debian package, docker-compose service.
INFRA_SERVERS=(rabbitmq postgres redis)
declare -A INFRA_PORT=([rabbitmq]=5672 [postgres]=5432 [redis]=6379)
declare -A INFRA_PACKAGE=([rabbitmq]=rabbitmq-server [postgres]=postgresql [redis]=redis-server)
declare -A INFRA_LABEL=([rabbitmq]=RabbitMQ [postgres]=PostgreSQL [redis]=Redis)

_INFRA_APT_UPDATED=0

_infra_apt_install() {
    command -v apt-get >/dev/null 2>&1 ||
        die "cannot install $*: apt-get not found (install them by hand, or use a machine with a Docker engine)"
    if ((_INFRA_APT_UPDATED == 0)); then
        log "apt-get update"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null ||
            die "apt-get update failed"
        _INFRA_APT_UPDATED=1
    fi
    log "apt-get install -y $*"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" ||
        die "apt-get install $* failed"
}

# Newest installed PostgreSQL major version (from /usr/lib/postgresql), empty when none.
_infra_postgres_version() {
    local dir version=""
    for dir in /usr/lib/postgresql/*/bin/postgres; do
        [[ -x "$dir" ]] || continue
        dir="${dir#/usr/lib/postgresql/}"
        version=$(printf '%s\n%s\n' "$version" "${dir%%/*}" | sed '/^$/d' | sort -V | tail -n 1)
    done
    printf '%s' "$version"
}

_infra_installed() {
    case $1 in
        rabbitmq) command -v rabbitmq-server >/dev/null 2>&1 ;;
        postgres) command -v pg_ctlcluster >/dev/null 2>&1 && [[ -n "$(_infra_postgres_version)" ]] ;;
        redis) command -v redis-server >/dev/null 2>&1 ;;
    esac
}

_infra_start() {
    local server=$1
    mkdir -p "$LOG_DIR"
    case $server in
        rabbitmq)
            log "starting RabbitMQ: rabbitmq-server -detached"
            as_root rabbitmq-server -detached >>"$LOG_DIR/rabbitmq-start.log" 2>&1 ||
                warn "rabbitmq-server -detached failed (see $LOG_DIR/rabbitmq-start.log); waiting for the port anyway"
            ;;
        postgres)
            local version
            version=$(_infra_postgres_version)
            if [[ ! -d "/etc/postgresql/$version/main" ]]; then
                log "creating PostgreSQL cluster $version/main"
                as_root pg_createcluster "$version" main >>"$LOG_DIR/postgres-start.log" 2>&1 ||
                    die "pg_createcluster $version main failed (see $LOG_DIR/postgres-start.log)"
            fi
            log "starting PostgreSQL: pg_ctlcluster --skip-systemctl-redirect $version main start"
            as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start >>"$LOG_DIR/postgres-start.log" 2>&1 ||
                warn "pg_ctlcluster start failed (see $LOG_DIR/postgres-start.log); waiting for the port anyway"
            ;;
        redis)
            log "starting Redis: redis-server --daemonize yes --port 6379"
            as_root mkdir -p /var/lib/redis /var/log/redis
            as_root redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
                --dir /var/lib/redis --logfile /var/log/redis/ci.log >>"$LOG_DIR/redis-start.log" 2>&1 ||
                warn "redis-server failed to start (see /var/log/redis/ci.log); waiting for the port anyway"
            ;;
    esac
}

# True when a Docker engine answers (not just the CLI).
docker_engine_works() {
    command -v docker >/dev/null 2>&1 && timeout 15 docker info >/dev/null 2>&1
}

_infra_compose() {
    if docker compose version >/dev/null 2>&1; then
        (cd "$REPO_ROOT" && docker compose "$@")
    elif command -v docker-compose >/dev/null 2>&1; then
        (cd "$REPO_ROOT" && docker-compose "$@")
    else
        die "a Docker engine works but neither 'docker compose' nor 'docker-compose' is available"
    fi
}

# Runs psql as a PostgreSQL superuser with the given arguments (SQL on stdin):
# as role postgres over TCP when that works without a password (trust), else as the
# postgres OS user over the local socket (peer).
_infra_psql_superuser() {
    if PGCONNECT_TIMEOUT=5 psql -X -w -q -h 127.0.0.1 -p 5432 -U postgres -d postgres -c 'select 1' \
        >/dev/null 2>&1; then
        PGCONNECT_TIMEOUT=5 psql -X -w -q -h 127.0.0.1 -p 5432 -U postgres -d postgres "$@"
        return
    fi
    if id postgres >/dev/null 2>&1; then
        local command
        command="cd / && $(printf '%q ' psql -X -w -q -p 5432 -d postgres "$@")"
        if as_root su postgres -s /bin/sh -c "cd / && psql -X -w -q -p 5432 -d postgres -c 'select 1'" \
            >/dev/null 2>&1; then
            as_root su postgres -s /bin/sh -c "$command"
            return
        fi
    fi
    return 99
}

_infra_db_login_works() {
    PGPASSWORD="$MARKETDATA_DB_PASSWORD" PGCONNECT_TIMEOUT=5 psql -X -w -q -h 127.0.0.1 -p 5432 \
        -U "$MARKETDATA_DB_USER" -d "$MARKETDATA_DB_NAME" -tAc 'select 1' 2>/dev/null | grep -qx 1
}

# Creates (or resets) the role and the database it owns. Idempotent.
ensure_database() {
    if ! command -v psql >/dev/null 2>&1; then
        if _infra_installed postgres; then
            die "psql not found although PostgreSQL is installed"
        fi
        _infra_apt_install postgresql-client
    fi
    local status=0
    _infra_psql_superuser -v ON_ERROR_STOP=1 \
        -v "db_name=$MARKETDATA_DB_NAME" -v "db_user=$MARKETDATA_DB_USER" \
        -v "db_password=$MARKETDATA_DB_PASSWORD" <<'SQL' || status=$?
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'db_user', :'db_password')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'db_user') \gexec
SELECT format('ALTER ROLE %I WITH LOGIN PASSWORD %L', :'db_user', :'db_password') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'db_name', :'db_user')
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db_name') \gexec
SELECT format('ALTER DATABASE %I OWNER TO %I', :'db_name', :'db_user') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'db_name' || '_test', :'db_user')
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db_name' || '_test') \gexec
SQL
    if ((status == 99)); then
        if _infra_db_login_works; then
            log "PostgreSQL: no superuser access, but role $MARKETDATA_DB_USER can log in to $MARKETDATA_DB_NAME"
            return 0
        fi
        die "PostgreSQL: cannot connect as superuser (neither 'psql -U postgres -h 127.0.0.1' nor 'su postgres -c psql' works), and role $MARKETDATA_DB_USER cannot log in to database $MARKETDATA_DB_NAME"
    elif ((status != 0)); then
        die "PostgreSQL: creating role $MARKETDATA_DB_USER / database $MARKETDATA_DB_NAME failed"
    fi
    _infra_db_login_works ||
        die "PostgreSQL: role $MARKETDATA_DB_USER was created but cannot log in to $MARKETDATA_DB_NAME over TCP with its password (check pg_hba.conf)"
    log "PostgreSQL: role $MARKETDATA_DB_USER and database $MARKETDATA_DB_NAME ready (postgresql://$MARKETDATA_DB_USER:***@localhost:5432/$MARKETDATA_DB_NAME)"
}

# Java 17 or newer (the build targets release 17); installs OpenJDK 17 when Java is missing.
ensure_java() {
    if ! command -v java >/dev/null 2>&1 || ! command -v javac >/dev/null 2>&1; then
        log "Java 17 JDK not found"
        _infra_apt_install openjdk-17-jdk-headless
    fi
    local version
    version=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')
    [[ "$version" =~ ^[0-9]+$ ]] || die "cannot tell the Java version (java -version says: $(java -version 2>&1 | head -n 1))"
    if ((version < 17)); then
        die "Java $version found, Java 17 is needed (apt-get install -y openjdk-17-jdk-headless, then select it with update-alternatives --config java)"
    elif ((version > 17)); then
        warn "Java $version found; the project targets Java 17 (it builds with release 17, but Java 17 is what is tested)"
    fi
}

# The build runs `npm ci` for the dashboard's chart library (api-gateway): Node.js and npm from
# Debian/Ubuntu when they are missing.
ensure_node() {
    command -v npm >/dev/null 2>&1 && command -v node >/dev/null 2>&1 && return 0
    log "Node.js/npm not found (the dashboard's chart library is installed with npm ci at build time)"
    _infra_apt_install nodejs npm
    command -v npm >/dev/null 2>&1 || die "npm is still missing after apt-get install nodejs npm"
}

# The fault suite (system-tests FaultSuiteIT, deploy/fault/private-infra.sh) runs a private RabbitMQ
# node and PostgreSQL instance from the host's binaries, even where the shared servers run in docker.
ensure_fault_binaries() {
    local packages=()
    command -v rabbitmq-server >/dev/null 2>&1 && command -v rabbitmqctl >/dev/null 2>&1 || packages+=(rabbitmq-server)
    compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || packages+=(postgresql)
    command -v psql >/dev/null 2>&1 || packages+=(postgresql-client)
    ((${#packages[@]} == 0)) && return 0
    log "the fault suite needs host binaries: ${packages[*]}"
    _infra_apt_install "${packages[@]}"
}

ensure_maven_wrapper() {
    [[ -x "$REPO_ROOT/mvnw" ]] || die "$REPO_ROOT/mvnw is missing or not executable"
    local output
    if ! output=$(cd "$REPO_ROOT" && ./mvnw -B --version 2>&1); then
        printf '%s\n' "$output" >&2
        die "./mvnw does not work (it downloads Maven from Maven Central on first use)"
    fi
}

ensure_infra() {
    local check_maven=1
    case ${1:---maven} in
        --maven) ;;
        --no-maven) check_maven=0 ;;
        *) die "ensure_infra: unknown argument $1 (use --maven or --no-maven)" ;;
    esac
    ensure_java
    ((check_maven == 0)) || { ensure_maven_wrapper && ensure_node; }

    local server missing=()
    for server in "${INFRA_SERVERS[@]}"; do
        if local_port_open "${INFRA_PORT[$server]}"; then
            log "${INFRA_LABEL[$server]}: reusing the server on port ${INFRA_PORT[$server]}"
        elif _infra_installed "$server"; then
            _infra_start "$server"
        else
            missing+=("$server")
        fi
    done

    if ((${#missing[@]} > 0)); then
        if docker_engine_works; then
            log "not installed: ${missing[*]}; starting them with docker compose"
            _infra_compose up -d "${missing[@]}" || die "docker compose up -d ${missing[*]} failed"
        else
            local packages=()
            for server in "${missing[@]}"; do
                packages+=("${INFRA_PACKAGE[$server]}")
            done
            _infra_apt_install "${packages[@]}"
            for server in "${missing[@]}"; do
                # the package's own scripts may have started it already
                local_port_open "${INFRA_PORT[$server]}" || _infra_start "$server"
            done
        fi
    fi

    for server in "${INFRA_SERVERS[@]}"; do
        wait_for_port "${INFRA_LABEL[$server]}" "${INFRA_PORT[$server]}" "$INFRA_WAIT_SECONDS" ||
            die "${INFRA_LABEL[$server]} is not answering on port ${INFRA_PORT[$server]} (start logs in $LOG_DIR)"
    done
    log "RabbitMQ :5672, PostgreSQL :5432 and Redis :6379 answer"
    ensure_database
}

# The tests run in their own RabbitMQ virtual host and database (<db>_test, created by
# ensure_database), so a demo started with deploy/run.sh on the same machine is not disturbed.
ensure_test_vhost() {
    local vhost=${MARKETDATA_TEST_VHOST:-marketdata_test}
    local ctl=(rabbitmqctl)
    if ! command -v rabbitmqctl >/dev/null 2>&1; then
        # the broker runs in docker compose: its own rabbitmqctl
        docker_engine_works || die "rabbitmqctl is needed by the tests (they create a virtual host and restart the broker app)"
        ctl=(_infra_compose exec -T rabbitmq rabbitmqctl)
    fi
    "${ctl[@]}" -q list_vhosts 2>/dev/null | grep -qx "$vhost" || "${ctl[@]}" -q add_vhost "$vhost" >/dev/null ||
        die "RabbitMQ: cannot create virtual host $vhost"
    "${ctl[@]}" -q set_permissions -p "$vhost" guest '.*' '.*' '.*' >/dev/null ||
        die "RabbitMQ: cannot grant guest access to virtual host $vhost"
    log "RabbitMQ: test virtual host $vhost ready"
}
