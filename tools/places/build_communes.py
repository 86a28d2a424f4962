#!/usr/bin/env python3
"""Builds CiteEmploi.Domain/Annuaire/Places/Data/communes.csv.gz from two official open datasets.

Usage (see CiteEmploi.Domain/Annuaire/Places/Data/README.md for where each input comes from):

    python3 tools/places/build_communes.py COMMUNES_JSON LAPOSTE_HEXASMAL_CSV OUTPUT_CSV_GZ

COMMUNES_JSON         data/communes.json of the npm package @etalab/decoupage-administratif (COG, INSEE)
LAPOSTE_HEXASMAL_CSV  the « Base officielle des codes postaux » of La Poste with its coordonnees_gps column

Output: one line per current commune and municipal arrondissement (INSEE code, name, postcodes, centre), sorted by
code, ';'-separated, UTF-8, gzip'd with a fixed timestamp so that the same inputs give the same bytes:

    code;nom;codes_postaux;population;latitude;longitude;source

population: the legal population the package gives (ranks the autocomplete: « Saint-Denis » the largest first).
source: P = the centre La Poste gives for the commune; A = the mean of its municipal arrondissements' centres (Paris,
Lyon, Marseille, which La Poste only lists by arrondissement); empty = no position known (never guessed).
"""
import csv
import gzip
import io
import json
import sys


def main(communes_json, hexasmal_csv, output):
    communes = json.load(open(communes_json, encoding="utf-8"))
    kept = [c for c in communes if c["type"] in ("commune-actuelle", "arrondissement-municipal")]

    # La Poste: one row per (commune, postcode, ligne 5); the coordinates are the commune's, the same on each row.
    centres = {}
    with open(hexasmal_csv, encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter=";"):
            gps = row["coordonnees_gps"].strip()
            if not gps:
                continue
            lat, lon = (float(x) for x in gps.split(","))
            centres.setdefault(row["Code_commune_INSEE"], (lat, lon))

    # A commune whose arrondissements have centres but not itself (Paris, Lyon, Marseille): their mean, said so.
    arrondissements = {}
    for c in kept:
        if c["type"] == "arrondissement-municipal" and c["code"] in centres:
            arrondissements.setdefault(c["commune"], []).append(centres[c["code"]])

    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(["code", "nom", "codes_postaux", "population", "latitude", "longitude", "source"])
    missing = []
    for c in sorted(kept, key=lambda c: c["code"]):
        code = c["code"]
        postcodes = " ".join(sorted(set(c.get("codesPostaux", []))))
        population = c.get("population", "")
        if code in centres:
            (lat, lon), source = centres[code], "P"
        elif code in arrondissements:
            points = arrondissements[code]
            lat, lon, source = sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points), "A"
        else:
            missing.append(f"{code} {c['nom']} ({c.get('zone')})")
            writer.writerow([code, c["nom"], postcodes, population, "", "", ""])
            continue
        writer.writerow([code, c["nom"], postcodes, population, f"{lat:.5f}", f"{lon:.5f}", source])

    data = out.getvalue().encode("utf-8")
    with open(output, "wb") as f:
        with gzip.GzipFile(filename="communes.csv", mode="wb", fileobj=f, mtime=0, compresslevel=9) as gz:
            gz.write(data)
    print(f"{len(kept)} communes et arrondissements, {len(kept) - len(missing)} avec un centre, {len(missing)} sans", file=sys.stderr)
    for m in missing:
        print("  sans position :", m, file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
