#!/bin/sh
# Installs what cddgen needs from Debian's packages: Python with venv, LibreOffice Writer
# headless, Arial/Calibri-compatible fonts. As root it installs what is missing; otherwise
# it prints the exact command to run. Usage: setup-system.sh [--require-libreoffice]
set -eu

require_lo=no
[ "${1:-}" = "--require-libreoffice" ] && require_lo=yes

missing=""
command -v python3 >/dev/null 2>&1 || missing="$missing python3"
# Debian's python3 needs python3-venv for «python3 -m venv» (ensurepip).
if command -v python3 >/dev/null 2>&1 && ! python3 -c 'import ensurepip, venv' >/dev/null 2>&1; then
    missing="$missing python3-venv"
fi
if ! command -v soffice >/dev/null 2>&1 && ! command -v libreoffice >/dev/null 2>&1; then
    missing="$missing libreoffice-writer-nogui"
fi
if command -v fc-list >/dev/null 2>&1; then
    fc-list | grep -qi "Liberation Sans" || missing="$missing fonts-liberation"
    fc-list | grep -qi "Carlito" || missing="$missing fonts-crosextra-carlito"
else
    missing="$missing fontconfig fonts-liberation fonts-crosextra-carlito"
fi

if [ -z "$missing" ]; then
    exit 0
fi

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Instalando paquetes de Debian:$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing >/dev/null
    fc-cache -f >/dev/null 2>&1 || true
    exit 0
fi

echo "Faltan paquetes del sistema:$missing" >&2
echo "Pida a un administrador que ejecute:" >&2
echo "    sudo apt-get install -y --no-install-recommends$missing && sudo fc-cache -f" >&2
case "$missing" in
    *python3*) exit 1 ;;
esac
if [ "$require_lo" = "yes" ]; then
    echo "Las pruebas necesitan LibreOffice real; instálelo y vuelva a ejecutar." >&2
    exit 1
fi
echo "Sin LibreOffice cddgen entrega igual los .docx, pero no los PDF." >&2
exit 0
