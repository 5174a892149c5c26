#!/usr/bin/env bash
# A supervision office's monthly run, e.g. from cron on the 3rd at 08:00, once departments
# have sent last month's figures:
#
#   0 8 3 * *  SHISHI_STORE=/srv/shishi/store.json /srv/shishi/monthly-check.sh
#
# It checks the store, writes the month's report as Markdown (for the bulletin) and JSON (for
# other tools), and tells the office when something is lagging or overdue. It relies on
# shishi's exit statuses: 0 ok, 1 attention needed, 2 usage error, 3 data or state error.
#
# Usage: monthly-check.sh [MONTH [YEAR]]   (default: last month; in January, last December)
# Settings: SHISHI (the command), SHISHI_STORE, SHISHI_REPORTS (folder for the reports),
#           SHISHI_NOTIFY (a shell command that reads the message on its standard input,
#           e.g. 'mail -s "市办实事进度提醒" duchashi@example.gov.cn'; default: print it).
set -uo pipefail

SHISHI="${SHISHI:-shishi}"
OUT="${SHISHI_REPORTS:-$HOME/shishi-reports}"

notify() {
    if [ -n "${SHISHI_NOTIFY:-}" ]; then sh -c "$SHISHI_NOTIFY"; else cat; fi
}

month=$(( 10#$(date +%m) - 1 ))
year=$(date +%Y)
if [ "$month" -eq 0 ]; then month=12; year=$(( year - 1 )); fi
month="${1:-$month}"
year="${2:-$year}"
mkdir -p "$OUT"
stem="$OUT/$year-$month"

if ! "$SHISHI" check > "$stem-check.txt" 2>&1; then
    { echo "$year年$month月: the shishi store needs attention; nothing was reported."; cat "$stem-check.txt"; } | notify
    exit 3
fi

# Each report is written beside its final name and moved there only when complete.
for format in markdown json; do
    target="$stem-report.$([ "$format" = markdown ] && echo md || echo json)"
    "$SHISHI" report --year "$year" --month "$month" --format "$format" > "$target.part" 2> "$stem-error.txt"
    status=$?
    if [ "$status" -ne 0 ]; then
        rm -f "$target.part"
        { echo "$year年$month月: the report failed."; cat "$stem-error.txt"; } | notify
        exit "$status"
    fi
    mv "$target.part" "$target"
done
rm -f "$stem-error.txt"

"$SHISHI" lagging --year "$year" --month "$month" > "$stem-lagging.txt" 2>&1
status=$?
case $status in
    0) if [ "$(wc -l < "$stem-lagging.txt")" -gt 1 ]; then  # nothing behind, but figures missing
           { echo "$year年$month月: nothing lagging or overdue, but:"; tail -n +2 "$stem-lagging.txt"; } | notify
       else
           echo "$year年$month月: nothing lagging or overdue."
       fi ;;
    1) { echo "$year年$month月: 以下指标需要关注 (needing attention):"; cat "$stem-lagging.txt"; } | notify ;;
    *) { echo "$year年$month月: shishi lagging failed ($status)."; cat "$stem-lagging.txt"; } | notify
       exit "$status" ;;
esac
exit 0
