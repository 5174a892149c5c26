#!/usr/bin/env bash
# A supervision office's monthly run, e.g. from cron on the 3rd at 08:00, once departments
# have sent last month's figures:
#
#   0 8 3 * *  SHISHI_STORE=/srv/shishi/store.json /srv/shishi/monthly-check.sh
#
# It checks the store, writes last month's report as Markdown (for the bulletin) and JSON
# (for other tools), and tells the office when something is lagging or overdue. The exit
# statuses it relies on: 0 ok, 1 attention needed, 2 usage error, 3 data or state error.
set -uo pipefail

SHISHI="${SHISHI:-shishi}"
OUT="${SHISHI_REPORTS:-$HOME/shishi-reports}"
NOTIFY="${SHISHI_NOTIFY:-cat}"            # e.g. 'mail -s "市办实事进度提醒" duchashi@example.gov.cn'

# Usage: monthly-check.sh [MONTH [YEAR]]; by default last month (in January, December of last
# year's plan).
month=$(( 10#$(date +%m) - 1 ))
year=$(date +%Y)
if [ "$month" -eq 0 ]; then month=12; year=$(( year - 1 )); fi
month="${1:-$month}"
year="${2:-$year}"
mkdir -p "$OUT"

if ! "$SHISHI" check > "$OUT/check-$year-$month.txt"; then
    { echo "The shishi store has problems; nothing was reported."; cat "$OUT/check-$year-$month.txt"; } | $NOTIFY
    exit 3
fi

"$SHISHI" report --year "$year" --month "$month" --format markdown > "$OUT/report-$year-$month.md" || exit $?
"$SHISHI" report --year "$year" --month "$month" --format json > "$OUT/report-$year-$month.json" || exit $?

"$SHISHI" lagging --year "$year" --month "$month" > "$OUT/lagging-$year-$month.txt"
status=$?
case $status in
    0) echo "$year-$month: nothing lagging or overdue." ;;
    1) { echo "$year年$month月: 以下指标滞后或逾期 (lagging or overdue):"; cat "$OUT/lagging-$year-$month.txt"; } | $NOTIFY ;;
    *) echo "shishi lagging failed with status $status" >&2; exit "$status" ;;
esac
exit 0
