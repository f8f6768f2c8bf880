# Shared helpers for the scripts in this folder (sourced, not run).
CAREFORM_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CAREFORM_ROOT
export PATH="$HOME/.cargo/bin:$CAREFORM_ROOT/node_modules/.bin:$PATH"

step() { printf '==> %s\n' "$*" >&2; }
ok() { printf ' ok %s\n' "$*" >&2; }
die() { printf 'careform: error: %s\n' "$*" >&2; exit 1; }

# The version Cargo.lock records for a package.
locked_version() {
  awk -v name="$1" '$0 == "name = \"" name "\"" { getline; gsub(/version = |"/, ""); print; exit }' \
    "$CAREFORM_ROOT/Cargo.lock"
}
