"""Prints 'passed failed' summed over the .trx files under a directory (0 1 when there are none)."""
import glob
import sys
import xml.etree.ElementTree as ET

passed = failed = 0
files = glob.glob(f"{sys.argv[1]}/**/*.trx", recursive=True)
for path in files:
    counters = ET.parse(path).getroot().find(".//{*}Counters")
    passed += int(counters.get("passed", 0))
    failed += int(counters.get("failed", 0)) + int(counters.get("error", 0))
print(passed, failed if files else 1)
