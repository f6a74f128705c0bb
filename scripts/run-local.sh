#!/usr/bin/env bash
# Starts the action server and Rasa on loopback, then the edge: the Telegram edge with
# TELEGRAM_BOT_TOKEN, a chat in the terminal without. Stops both servers when the chat ends. Logs go to var/log/.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
# The edge (bot/) runs in its own virtualenv, with current aiohttp and python-telegram-bot.
EDGE_BIN=.venv-edge/bin
mkdir -p var/log
export RASA_AUTH_TOKEN="${RASA_AUTH_TOKEN:-$($BIN/python -c 'import secrets; print(secrets.token_hex(16))')}"
# `make desk` (the local coach desk, in another terminal) reads Rasa's conversations with it.
(umask 077 && echo "$RASA_AUTH_TOKEN" > var/rasa-auth-token)
RASA_PORT="${RASA_PORT:-5005}"
ACTIONS_PORT="${ACTIONS_PORT:-5055}"
export RASA_URL="${RASA_URL:-http://127.0.0.1:$RASA_PORT}"
export ACTION_SERVER_URL="${ACTION_SERVER_URL:-http://127.0.0.1:$ACTIONS_PORT}"

# One database for Rasa and Relais (DATABASE_URL, SQLite under var/ by default): migrate it first.
$BIN/python -m relais.database

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

# rasa_sdk listens on SANIC_HOST, 0.0.0.0 by default: loopback unless configured.
SANIC_HOST="${ACTIONS_HOST:-127.0.0.1}" $BIN/rasa run actions --actions actions -p "$ACTIONS_PORT" >var/log/actions.log 2>&1 &
pids+=($!)
$BIN/rasa run --model models/relais.tar.gz --enable-api --auth-token "$RASA_AUTH_TOKEN" \
  -i 127.0.0.1 -p "$RASA_PORT" --endpoints endpoints.yml --credentials credentials.yml \
  >var/log/rasa.log 2>&1 &
pids+=($!)

wait_for() {  # url, name
  for _ in $(seq 1 180); do
    curl -fsS "$1" >/dev/null 2>&1 && return 0
    sleep 1
  done
  echo "$2 did not start; see var/log/." >&2
  exit 1
}
echo "Starting the action server and Rasa (about 30 s)…"
wait_for "http://127.0.0.1:$ACTIONS_PORT/health" "The action server"
wait_for "http://127.0.0.1:$RASA_PORT/" "Rasa"
$EDGE_BIN/python -m bot
