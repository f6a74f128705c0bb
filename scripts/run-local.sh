#!/usr/bin/env bash
# Starts the action server and Rasa on loopback, then the edge: the Telegram edge with
# TELEGRAM_BOT_TOKEN, a chat in the terminal without. Also starts the agents' web space in the
# background on 127.0.0.1:8080. Stops them all when the chat ends. Logs go to var/log/.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
# The edge (bot/) runs in its own virtualenv, with current aiohttp and python-telegram-bot.
EDGE_BIN=.venv-edge/bin
mkdir -p var/log

# The secrets the services demand of each other (relais/shared_secrets.py), made once into
# var/secrets.env (mode 0600) so that they stay the same across restarts, then exported: they
# travel in the environment only, never on a command line (`ps` shows command lines to anyone).
# A value already in the environment wins over the file. `make desk` reads the file too.
SECRETS_FILE=var/secrets.env
rm -f var/rasa-auth-token  # where earlier versions kept the token
(umask 077 && touch "$SECRETS_FILE") && chmod 600 "$SECRETS_FILE"
for name in ACTION_SERVER_SECRET EDGE_SECRET RASA_AUTH_TOKEN PSEUDONYM_SECRET WEB_SECRET_KEY; do
  if ! grep -q "^$name=" "$SECRETS_FILE"; then
    echo "$name=$($BIN/python -c 'import secrets; print(secrets.token_urlsafe(32))')" >>"$SECRETS_FILE"
  fi
done
while IFS='=' read -r name value; do
  [ -n "${!name:-}" ] || export "$name=$value"
done <"$SECRETS_FILE"
RASA_PORT="${RASA_PORT:-5005}"
ACTIONS_PORT="${ACTIONS_PORT:-5055}"
export RASA_URL="${RASA_URL:-http://127.0.0.1:$RASA_PORT}"
export ACTION_SERVER_URL="${ACTION_SERVER_URL:-http://127.0.0.1:$ACTIONS_PORT}"

# One database for Rasa and Relais (DATABASE_URL, SQLite under var/ by default): migrate it first.
$BIN/python -m relais.database

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

# The action server listens on ACTIONS_HOST (127.0.0.1 by default) and refuses any call
# without ACTION_SERVER_SECRET; Rasa reads its API token from RASA_AUTH_TOKEN.
$BIN/python -m rasa_components.action_server --actions actions -p "$ACTIONS_PORT" >var/log/actions.log 2>&1 &
pids+=($!)
$BIN/python -m rasa_components.rasa_server --model models/relais.tar.gz \
  -i 127.0.0.1 -p "$RASA_PORT" --endpoints endpoints.yml --credentials credentials.yml \
  >var/log/rasa.log 2>&1 &
pids+=($!)

# The agents' web space (web/), signing its session cookies with WEB_SECRET_KEY. Plain http on
# loopback here, so its cookies go without the Secure flag (behind an HTTPS proxy, leave it on).
WEB_HOST="${WEB_HOST:-127.0.0.1}"
WEB_PORT="${WEB_PORT:-8080}"
WEB_HOST="$WEB_HOST" WEB_PORT="$WEB_PORT" WEB_COOKIE_SECURE="${WEB_COOKIE_SECURE:-0}" \
  $EDGE_BIN/python -m web >var/log/web.log 2>&1 &
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
if curl -fsS "http://$WEB_HOST:$WEB_PORT/connexion" >/dev/null 2>&1; then
  echo "Agents' web space: http://$WEB_HOST:$WEB_PORT (create an agent: $EDGE_BIN/python -m web.agents create --login LOGIN --name NAME --role unit --territory unit:brioude)"
else
  echo "The agents' web space did not start (see var/log/web.log); the chat starts anyway." >&2
fi
$EDGE_BIN/python -m bot
