# Sourced by the scheduled scripts: loads KOEPFE_ENV_FILE (default /etc/koepfe/koepfe.env) into the
# environment. A named file that is missing is an error (exit code $1); a missing default is fine
# (everything may come from the environment itself).
#   . "$here/env-file.sh" <exit code when the named file is missing> <script name>
load_env_file() {
  local missing_code="$1" name="$2"
  local env_file="${KOEPFE_ENV_FILE:-/etc/koepfe/koepfe.env}"
  if [ -f "$env_file" ]; then
    set -a
    # shellcheck disable=SC1090
    . "$env_file"
    set +a
  elif [ -n "${KOEPFE_ENV_FILE:-}" ]; then
    echo "$name: env file $env_file not found" >&2
    exit "$missing_code"
  fi
}
