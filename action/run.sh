#!/usr/bin/env bash
# The sop-lint GitHub Action's work, run by action.yml once sop-lint is installed: the
# findings as annotations, a SARIF file for code scanning (action.yml uploads it), the
# Markdown report in the job summary and, on a pull request, as one comment edited on
# each run. tests/test_action.py runs it against a real repository.
#
# From action.yml: INPUT_ROOT, INPUT_MODE, INPUT_BASE, INPUT_FAIL_ON, INPUT_COMMENT,
# INPUT_SARIF, PR_NUMBER, GH_TOKEN and SOP_LINT (the installed command). From GitHub:
# GITHUB_EVENT_NAME, GITHUB_BASE_REF, GITHUB_REPOSITORY, GITHUB_OUTPUT,
# GITHUB_STEP_SUMMARY, RUNNER_TEMP. Exit code: sop-lint's (1: findings at the fail level).
set -uo pipefail

sop_lint=${SOP_LINT:-sop-lint}
root=${INPUT_ROOT:-.}
mode=${INPUT_MODE:-}
out=$(mktemp -d "${RUNNER_TEMP:-/tmp}/sop-lint.XXXXXX")

output() { echo "$1=$2" >>"${GITHUB_OUTPUT:-/dev/null}"; }
stop() { echo "::error title=sop-lint::$1"; output exit-code 2; exit 2; }
# A boolean input as GitHub's toolkit reads one (getBooleanInput): true or false, in
# lower, title or upper case; anything else stops the step, saying so.
flag() {
  case $2 in
    true | True | TRUE) return 0 ;;
    false | False | FALSE) return 1 ;;
    *) stop "the input '$1' is '$2': write true or false" ;;
  esac
}
# The SOP root as the comment's marker names it: `ops`, `ops/` and `./ops` are one root,
# so a workflow that changes how it writes the root still edits its own comment.
marker_root=$root
while [ "${marker_root%/}" != "$marker_root" ] && [ "$marker_root" != / ]; do marker_root=${marker_root%/}; done
while [ "${marker_root#./}" != "$marker_root" ]; do marker_root=${marker_root#./}; done
marker_root=${marker_root:-.}
flag sarif "${INPUT_SARIF:-true}" || true  # an input that is no boolean stops the step here, before any work
flag comment "${INPUT_COMMENT:-true}" || true

if [ -z "$mode" ]; then
  case ${GITHUB_EVENT_NAME:-} in
    pull_request | pull_request_target) mode="diff" ;;
    *) mode=check ;;
  esac
fi
output mode "$mode"

case $mode in
  diff)
    branch=${INPUT_BASE:-${GITHUB_BASE_REF:-}}
    [ -n "$branch" ] || stop "mode diff compares with the pull request's base branch: run it on pull_request, or give the input base (a branch or a commit)"
    base=$branch
    git rev-parse --verify --quiet "origin/$branch^{commit}" >/dev/null && base=origin/$branch
    git rev-parse --verify --quiet "$base^{commit}" >/dev/null \
      || stop "the base $branch is not in this clone: check out with fetch-depth: 0 (actions/checkout)"
    args=(diff "$root" --base "$base") ;;
  check) args=(check "$root") ;;
  stale) args=(stale "$root") ;;
  *) stop "mode is diff, check or stale, not '$mode'" ;;
esac

if [ "$mode" = stale ]; then
  # A scheduled report: the stale SOPs by owner; any fail-on makes a stale SOP fail the step.
  fail=()
  [ -n "${INPUT_FAIL_ON:-}" ] && fail=(--fail)
  "$sop_lint" "${args[@]}" --group-by owner --format markdown "${fail[@]}" >"$out/report.md"
  code=$?
else
  fail=()
  [ -n "${INPUT_FAIL_ON:-}" ] && fail=(--fail-on "$INPUT_FAIL_ON")
  # Annotations. With more than 10 of a type sop-lint appends every finding to the job
  # summary itself: then the report below is not appended a second time.
  before=$( [ -n "${GITHUB_STEP_SUMMARY:-}" ] && wc -c <"$GITHUB_STEP_SUMMARY" 2>/dev/null || echo 0)
  "$sop_lint" "${args[@]}" --format github "${fail[@]}"
  code=$?
  after=$( [ -n "${GITHUB_STEP_SUMMARY:-}" ] && wc -c <"$GITHUB_STEP_SUMMARY" 2>/dev/null || echo 0)
  if [ "$code" -le 1 ] && flag sarif "${INPUT_SARIF:-true}"; then
    "$sop_lint" "${args[@]}" --format sarif >"$out/sop-lint.sarif"
    if [ $? -le 1 ]; then
      output sarif-file "$out/sop-lint.sarif"
      # Code scanning keeps one analysis per category: one per SOP root.
      if [ "$root" = . ]; then output sarif-category sop-lint; else output sarif-category "sop-lint/$root"; fi
    fi
  fi
  [ "$code" -gt 1 ] || "$sop_lint" "${args[@]}" --format markdown "${fail[@]}" >"$out/report.md"
fi
output exit-code "$code"
[ "$code" -le 1 ] || exit "$code"
output report "$out/report.md"

if [ -n "${GITHUB_STEP_SUMMARY:-}" ] && [ "${after:-0}" = "${before:-0}" ]; then
  cat "$out/report.md" >>"$GITHUB_STEP_SUMMARY" || echo "::warning title=sop-lint::could not write the job summary"
fi

# The pull request's comment: the last one this action wrote for this SOP root, found by
# the hidden marker it starts with, is edited; else one is created.
comment() {
  local marker="<!-- sop-lint root=$marker_root -->" comments="repos/$GITHUB_REPOSITORY/issues/$PR_NUMBER/comments" listed id
  printf '%s\n%s\n' "$marker" "$(cat "$out/report.md")" | jq -Rs '{body: .}' >"$out/comment.json" || return 1
  listed=$(gh api --paginate "$comments") || return 1
  id=$(jq -r --arg marker "$marker" '.[] | select(.body | startswith($marker)) | .id' <<<"$listed" | tail -n 1) || return 1
  if [ -n "$id" ]; then
    gh api --method PATCH "repos/$GITHUB_REPOSITORY/issues/comments/$id" --input "$out/comment.json"
  else
    gh api --method POST "$comments" --input "$out/comment.json"
  fi | jq -r .html_url
}

if [ "$mode" != stale ] && flag comment "${INPUT_COMMENT:-true}" && [ -n "${PR_NUMBER:-}" ]; then
  if url=$(comment) && [ -n "$url" ]; then
    output comment-url "$url"
  else
    echo "::warning title=sop-lint::could not comment on pull request #$PR_NUMBER: the workflow needs 'permissions: pull-requests: write' (a pull request from a fork gets a read-only token)"
  fi
fi
exit "$code"
