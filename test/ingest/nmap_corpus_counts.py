#!/usr/bin/env python3
# nmap_corpus_counts.py: expected counts for the nmap XML acceptance corpus.
#
# This is an independent oracle for the TypeScript nmap parser tests. It
# shares no code with that parser and uses only the Python 3 standard
# library (xml.etree.ElementTree.iterparse, which uses expat).
#
# To re-run and regenerate the fixture, from the repository root (/work/main):
#
#   python3 test/ingest/nmap_corpus_counts.py > test/ingest/nmap.corpus.expected.json
#
# Optional first argument: the corpus directory (default /work/shared/corpus/nmap).
# Output: one JSON object keyed by file name (pretty-printed, keys sorted).
#
# Definitions (per file):
#   hostsTotal          <host> elements (only complete ones; see damage below)
#   hostsUp             hosts whose <status state="up">
#   openPorts           <port> with <state state="open"> inside up hosts (TCP+UDP)
#   openFilteredPorts   same, but with state "open|filtered"
#   products            sorted distinct non-empty <service product="..."> values
#                       of the open ports counted in openPorts (value kept
#                       verbatim; "non-empty" means not empty after strip())
#   macs                hosts (up or not) with an <address addrtype="mac">
#   scriptsOnOpenPorts  <script> elements under the open ports in openPorts
#   hostScripts         <script> elements under <hostscript> (any host)
#   osmatches           <osmatch> elements in up hosts
#   hostnames           <hostname> elements in up hosts
#   nmapError           errormsg of <finished exit="error">, else null
#   wellFormed          whether the whole file parsed without error
#   damageLine          line where expat stopped (null if well-formed)
#
# Damage: every file is first decoded as UTF-8 with errors="replace" and
# re-encoded, so invalid byte sequences become U+FFFD. If the file is still
# not well-formed, only <host> elements whose end tag came before the error are
# counted, and damageLine holds the line of the error. A <finished> element after
# the error is not seen, so nmapError stays null.

import io
import json
import os
import sys
import xml.etree.ElementTree as ET

DEFAULT_DIR = "/work/shared/corpus/nmap"


def state_of(el):
    """state attribute of el's <state>/<status> child (None if missing)."""
    for tag in ("state", "status"):
        child = el.find(tag)
        if child is not None:
            return child.get("state")
    return None


def count_file(path):
    with open(path, "rb") as fh:
        raw = fh.read()
    data = raw.decode("utf-8", errors="replace").encode("utf-8")

    res = {
        "hostsTotal": 0,
        "hostsUp": 0,
        "openPorts": 0,
        "openFilteredPorts": 0,
        "products": set(),
        "macs": 0,
        "scriptsOnOpenPorts": 0,
        "hostScripts": 0,
        "osmatches": 0,
        "hostnames": 0,
        "nmapError": None,
        "wellFormed": True,
        "damageLine": None,
    }

    def on_host(host):
        res["hostsTotal"] += 1
        if any(a.get("addrtype") == "mac" for a in host.findall("address")):
            res["macs"] += 1
        for hs in host.findall("hostscript"):
            res["hostScripts"] += len(list(hs.iter("script")))
        if host.find("status") is None or host.find("status").get("state") != "up":
            return
        res["hostsUp"] += 1
        res["osmatches"] += len(list(host.iter("osmatch")))
        res["hostnames"] += len(list(host.iter("hostname")))
        for ports in host.findall("ports"):
            for port in ports.findall("port"):
                st = state_of(port)
                if st == "open":
                    res["openPorts"] += 1
                    res["scriptsOnOpenPorts"] += len(list(port.iter("script")))
                    svc = port.find("service")
                    if svc is not None:
                        prod = svc.get("product")
                        if prod is not None and prod.strip() != "":
                            res["products"].add(prod)
                elif st == "open|filtered":
                    res["openFilteredPorts"] += 1

    depth = 0
    try:
        for event, el in ET.iterparse(io.BytesIO(data), events=("start", "end")):
            if event == "start":
                depth += 1
                continue
            depth -= 1
            if el.tag == "host" and depth == 1:  # direct child of <nmaprun>
                on_host(el)
            elif el.tag == "finished":
                if el.get("exit") == "error":
                    res["nmapError"] = el.get("errormsg", "")
    except ET.ParseError as err:
        res["wellFormed"] = False
        res["damageLine"] = err.position[0]

    res["products"] = sorted(res["products"])
    return res


def main():
    corpus = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_DIR
    out = {}
    for name in sorted(os.listdir(corpus)):
        if name.endswith(".xml"):
            out[name] = count_file(os.path.join(corpus, name))
    sys.stdout.write(json.dumps(out, indent=2, sort_keys=True, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
