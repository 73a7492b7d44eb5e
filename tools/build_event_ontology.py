"""Build accord's CAMEO and PLOVER tables from the facts in the shared evaluation files.

Usage::

    python tools/build_event_ontology.py [SHARED_DIR]

Reads ``SHARED_DIR/eval/cameo_codes.tsv`` (code numbers, Goldstein values,
levels) and ``SHARED_DIR/eval/cameo2plover-2021.txt`` (CAMEO code -> PLOVER
type, mode, context) and writes ``accord/resources/events/cameo.csv`` and
``accord/resources/events/plover.csv``. Only facts are taken over: codes,
numbers and PLOVER labels. Every short name in ``cameo.csv`` is our own and
lives in ``NAMES`` below; the script refuses to run when a code has none.
``SHARED_DIR`` defaults to the ``shared`` folder beside the repository.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "accord" / "resources" / "events"

# Two codes of the CAMEO 1.1b3 codebook that the evaluation list leaves out;
# their Goldstein value is the one shared by every other 12x code.
SUPPLEMENT = {"1213": -4.0, "1214": -4.0}

# Our own short names, one per code: "code name".
NAMES_TEXT = """
01 public statement
010 statement, other
011 no comment
012 gloomy remark
013 hopeful remark
014 weigh a policy option
015 admit or claim responsibility
016 disclaim responsibility
017 symbolic gesture
018 sympathy or condolence
019 voice agreement
02 appeal
020 appeal, other
021 appeal: material cooperation
0211 appeal: economic cooperation
0212 appeal: military cooperation
0213 appeal: judicial cooperation
0214 appeal: intelligence sharing
022 appeal: diplomatic support
023 appeal: aid
0231 appeal: economic aid
0232 appeal: military aid
0233 appeal: humanitarian aid
0234 appeal: protection or peacekeepers
024 appeal: political reform
0241 appeal: new leadership
0242 appeal: policy change
0243 appeal: rights
0244 appeal: institutional change
025 appeal: concession
0251 appeal: lift administrative sanctions
0252 appeal: tolerate dissent
0253 appeal: release people or property
0254 appeal: lift economic sanctions
0255 appeal: admit international involvement
0256 appeal: military de-escalation
026 appeal: meet or negotiate
027 appeal: settle a dispute
028 appeal: mediation
03 intent to cooperate
030 intent to cooperate, other
031 intent: material cooperation
0311 intent: economic cooperation
0312 intent: military cooperation
0313 intent: judicial cooperation
0314 intent: intelligence sharing
032 intent: diplomatic support
033 intent: give aid
0331 intent: economic aid
0332 intent: military aid
0333 intent: humanitarian aid
0334 intent: protection or peacekeepers
034 intent: political reform
0341 intent: new leadership
0342 intent: policy change
0343 intent: grant rights
0344 intent: institutional change
035 intent: concede
0351 intent: lift administrative sanctions
0352 intent: tolerate dissent
0353 intent: release people or property
0354 intent: lift economic sanctions
0355 intent: admit international involvement
0356 intent: military de-escalation
036 intent: meet or negotiate
037 intent: settle a dispute
038 intent: accept mediation
039 intent: mediate
04 consult
040 consult, other
041 phone call
042 visit abroad
043 receive a visit
044 meet on neutral ground
045 act as mediator
046 negotiate
05 diplomatic cooperation
050 diplomatic cooperation, other
051 praise or back
052 speak in defence
053 rally support for
054 recognise diplomatically
055 apologise
056 pardon or forgive
057 sign an agreement
06 material cooperation
060 material cooperation, other
061 economic cooperation
062 military cooperation
063 judicial cooperation
064 share intelligence
07 aid
070 aid, other
071 economic aid
072 military aid
073 humanitarian aid
074 protection or peacekeepers
075 asylum
08 concede
080 concede, other
081 lift administrative sanctions
0811 relax limits on political freedoms
0812 lift a ban on parties or politicians
0813 lift a curfew
0814 lift emergency rule
082 tolerate dissent
083 give in on political reform
0831 give in on leadership
0832 give in on policy
0833 give in on rights
0834 give in on institutions
084 return or release
0841 release people
0842 return property
085 lift economic sanctions
086 admit international involvement
0861 admit peacekeepers
0862 admit inspectors
0863 admit humanitarian aid
087 military de-escalation
0871 truce or ceasefire
0872 lift a blockade
0873 demobilise forces
0874 retreat or surrender
09 investigate
090 investigate, other
091 investigate crime or graft
092 investigate rights abuses
093 probe military action
094 probe war crimes
10 demand
100 demand, other
101 demand: material cooperation
1011 demand: economic cooperation
1012 demand: military cooperation
1013 demand: judicial cooperation
1014 demand: intelligence sharing
102 demand: diplomatic support
103 demand: aid
1031 demand: economic aid
1032 demand: military aid
1033 demand: humanitarian aid
1034 demand: protection or peacekeepers
104 demand: political reform
1041 demand: new leadership
1042 demand: policy change
1043 demand: rights
1044 demand: institutional change
105 demand: concession
1051 demand: lift administrative sanctions
1052 demand: tolerate dissent
1053 demand: release people or property
1054 demand: lift economic sanctions
1055 demand: admit international involvement
1056 demand: military de-escalation
106 demand: meeting or talks
107 demand: settle a dispute
108 demand: mediation
11 disapprove
110 disapprove, other
111 criticise
112 accuse
1121 accuse: crime or graft
1122 accuse: rights abuses
1123 accuse: aggression
1124 accuse: war crimes
1125 accuse: spying or treason
113 rally opposition
114 formal complaint
115 sue
116 convict or find liable
12 reject
120 reject, other
121 reject: material cooperation
1211 reject: economic cooperation
1212 reject: military cooperation
1213 reject: judicial cooperation
1214 reject: intelligence sharing
122 reject: aid request
1221 reject: economic aid request
1222 reject: military aid request
1223 reject: humanitarian aid request
1224 reject: protection request
123 reject: reform demand
1231 reject: leadership demand
1232 reject: policy demand
1233 reject: rights demand
1234 reject: institutional demand
124 refuse to concede
1241 keep administrative sanctions
1242 keep curbs on dissent
1243 refuse release of people or property
1244 keep economic sanctions
1245 refuse international involvement
1246 refuse military de-escalation
125 reject talks
126 turn down mediation
127 reject a settlement
128 defy rules or law
129 veto
13 threaten
130 threaten, other
131 threaten without force
1311 threaten to cut aid
1312 threaten sanctions or boycott
1313 threaten to cut relations
132 threaten administrative sanctions
1321 threaten political freedoms
1322 threaten a ban on parties or politicians
1323 threaten a curfew
1324 threaten emergency rule
133 threaten protest
134 threaten to end talks
135 threaten to end mediation
136 threaten to expel foreign presence
137 threaten repression
138 threaten force
1381 threaten a blockade
1382 threaten to occupy
1383 threaten irregular violence
1384 threaten an attack
1385 threaten mass-destruction attack
139 ultimatum
14 protest
140 protest, other
141 demonstrate
1411 demonstrate: leadership
1412 demonstrate: policy
1413 demonstrate: rights
1414 demonstrate: institutions
142 hunger strike
1421 hunger strike: leadership
1422 hunger strike: policy
1423 hunger strike: rights
1424 hunger strike: institutions
143 strike or boycott
1431 strike or boycott: leadership
1432 strike or boycott: policy
1433 strike or boycott: rights
1434 strike or boycott: institutions
144 blockade or obstruct
1441 obstruct: leadership
1442 obstruct: policy
1443 obstruct: rights
1444 obstruct: institutions
145 riot
1451 riot: leadership
1452 riot: policy
1453 riot: rights
1454 riot: institutions
15 show of force
150 show of force, other
151 police on alert
152 military on alert
153 police build-up
154 military build-up
16 cut relations
160 cut relations, other
161 cut diplomatic ties
162 cut aid
1621 cut economic aid
1622 cut military aid
1623 cut humanitarian aid
163 sanctions or embargo
164 end talks
165 end mediation
166 expel or withdraw
1661 expel peacekeepers
1662 expel inspectors or observers
1663 expel aid agencies
17 coerce
170 coerce, other
171 seize or damage property
1711 confiscate
1712 wreck property
172 administrative sanctions
1721 curb political freedoms
1722 ban parties or politicians
1723 curfew
1724 emergency rule
173 arrest or charge
174 deport
175 violent repression
18 assault
180 irregular violence, other
181 abduct or hijack
182 physical assault
1821 sexual assault
1822 torture
1823 killing
183 bombing
1831 suicide bombing
1832 car bombing
1833 roadside bombing
184 human shield
185 assassination attempt
186 assassination
19 fight
190 armed force, other
191 blockade
192 occupation
193 small-arms fighting
194 artillery or tank fighting
195 air strikes
196 ceasefire violation
20 mass violence
200 mass violence, other
201 mass expulsion
202 mass killing
203 ethnic cleansing
204 mass-destruction weapons
2041 chemical, biological or radiological attack
2042 nuclear detonation
"""

NAMES = dict(line.split(" ", 1) for line in NAMES_TEXT.strip().splitlines())


def read_cameo(path: Path) -> list[tuple[str, float, str]]:
    """(code, goldstein, level) for every code of the shared list, plus the supplement."""
    rows: list[tuple[str, float, str]] = []
    with path.open(encoding="utf-8") as handle:
        for record in csv.DictReader(handle, delimiter="\t"):
            rows.append((record["code"], float(record["goldstein"]), record["level"]))
    known = {code for code, _, _ in rows}
    for code, value in SUPPLEMENT.items():
        if code not in known:
            rows.append((code, value, "sub"))
    rows.sort(key=lambda row: (row[0][:2], row[0][:3], row[0]))
    return rows


def quad_class(root: str) -> int:
    number = int(root)
    return 1 if number <= 5 else 2 if number <= 9 else 3 if number <= 14 else 4


def read_plover(path: Path) -> dict[str, tuple[str, str, str]]:
    """CAMEO code -> (type, mode, context); the first line for a code wins."""
    table: dict[str, tuple[str, str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("~~~"):
            break
        body = line.split("#", 1)[0].strip()
        match = re.match(r"^(\d{2,4}):\s*(.*)$", body)
        if not match:
            continue
        code, rest = match.groups()
        parts = [part.strip() for part in rest.split(",")] + ["", ""]
        context = ";".join(item.strip() for item in parts[2].split(";") if item.strip())
        table.setdefault(code, (parts[0], parts[1], context))
    return table


def main(argv: list[str]) -> int:
    shared = Path(argv[1]) if len(argv) > 1 else ROOT.parent / "shared"
    cameo = read_cameo(shared / "eval" / "cameo_codes.tsv")
    missing = [code for code, _, _ in cameo if code not in NAMES]
    if missing:
        print(f"no short name for: {' '.join(missing)}", file=sys.stderr)
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    with (OUT / "cameo.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["code", "goldstein", "quad_class", "root", "base", "level", "name"])
        for code, goldstein, level in cameo:
            root = code[:2]
            base = code[:3] if len(code) >= 3 else ""
            writer.writerow([code, f"{goldstein:.1f}", quad_class(root), root, base, level, NAMES[code]])
    known = {code for code, _, _ in cameo}
    plover = read_plover(shared / "eval" / "cameo2plover-2021.txt")
    with (OUT / "plover.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["code", "type", "mode", "context"])
        for code in sorted(plover, key=lambda c: (c[:2], c[:3], c)):
            if code not in known:
                print(f"skipping PLOVER row for unknown CAMEO code {code}", file=sys.stderr)
                continue
            writer.writerow([code, *plover[code]])
    print(f"wrote {len(cameo)} CAMEO codes and {len(plover)} PLOVER rows to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
