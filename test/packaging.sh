#!/usr/bin/env bash
# What a package of lgit promises, checked without a server: META.json (PGXN) is valid JSON
# whose versions are lgit.control's default_version; CHANGELOG.md has a section for it; the
# version before it is released (releases/) with an upgrade path to it (upgrade/FROM--TO/);
# doc/lgit.md says which version it describes; and the repository stands on its own: no file
# but the frozen releases refers to a contract outside it.  Exits non-zero on the first failure.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
fail() {
	echo "packaging: FAILED: $*" >&2
	exit 1
}

version=$(sed -n "s/^default_version = '\(.*\)'/\1/p" lgit.control)
[ -n "$version" ] || fail "no default_version in lgit.control"
/usr/bin/python3 - "$version" <<'PY' || fail "META.json"
import json, re, sys
version = sys.argv[1]
meta = json.load(open("META.json", encoding="utf-8"))
for key in ("name", "abstract", "version", "maintainer", "license", "provides", "meta-spec"):
    assert key in meta, f"META.json lacks {key}"
assert meta["version"] == version, f"META.json version {meta['version']}, lgit.control {version}"
for name, provided in meta["provides"].items():
    assert provided["version"] == version, f"META.json provides {name} {provided['version']}"
    assert provided["file"] and provided.get("docfile"), f"META.json provides {name} without file or docfile"
assert meta["meta-spec"]["version"] == "1.0.0"
assert all(re.fullmatch(r"\d+\.\d+\.\d+", v) for v in [meta["version"]])
PY
grep -q "^## $version " CHANGELOG.md || fail "CHANGELOG.md has no section for $version"
grep -q "^# lgit reference (version $version)" doc/lgit.md || fail "doc/lgit.md does not describe version $version"
for dir in upgrade/*--*; do
	from=${dir#upgrade/}; from=${from%%--*}
	[ -f "releases/lgit--$from.sql" ] || fail "$dir upgrades from $from, which is not in releases/"
	grep -q "^## $from " CHANGELOG.md || fail "CHANGELOG.md has no section for $from"
done
[ -d "upgrade/$(ls releases | sed -n 's/^lgit--\(.*\)\.sql$/\1/p' | sort -V | tail -1)--$version" ] ||
	fail "no upgrade path from the last release to $version"
refs=$(git ls-files | grep -v '^releases/' | xargs grep -nI -e '[.][.]/shared' -e 'SPEC[ ]§' -e 'SPEC[.]md' 2>/dev/null || true)
[ -z "$refs" ] || fail "references outside the repository:
$refs"
echo "packaging: ok - $version: META.json, CHANGELOG.md, doc/lgit.md agree; upgrade path from $(ls releases | sed -n 's/^lgit--\([0-9.]*\)\.sql$/\1/p' | tr '\n' ' ')in place; no reference outside the repository"
