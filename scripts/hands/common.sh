# Shared by make.sh and season.sh (sourced, not run).

# clean_generated LIST OUT: delete only what the previous run wrote (the paths LIST names, relative
# to OUT), then empty folders; anything else in OUT (a test file) is left alone.
clean_generated() {
  local list="$1" out="$2" rel
  if [ -f "$list" ]; then
    while IFS= read -r rel; do
      case "$rel" in ''|'#'*|/*|*..*) continue ;; esac
      rm -f -- "$out/$rel"
    done < "$list"
    [ -d "$out" ] && find "$out" -mindepth 1 -type d -empty -delete 2>/dev/null || true
  fi
  mkdir -p "$out"
}
