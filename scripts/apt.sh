# Sourced by the install-*.sh scripts: runs apt-get as root, through sudo
# when the user is not root, without questions.
#   as_root CMD ARGS...   runs a command as root
#   apt_install PKG...    apt-get update, then installs the packages
# Messages start with the sourcing script's name.

export DEBIAN_FRONTEND=noninteractive
tag=$(basename "$0" .sh)

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo -E)
  else
    echo "$tag: not root and sudo is not available" >&2
    exit 1
  fi
fi

as_root() { "${SUDO[@]}" "$@"; }

apt_install() {
  echo "$tag: installing $*"
  as_root apt-get update
  as_root apt-get install -y --no-install-recommends "$@"
}
