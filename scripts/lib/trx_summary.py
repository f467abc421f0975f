"""Prints 'passed failed' summed over the .trx files under a directory (0 1 when there are none).

Each failed test's name, message and the top of its stack trace go to standard error, so a CI log
says why a test failed even when the test runner's own output was cut short."""
import glob
import sys
import xml.etree.ElementTree as ET

passed = failed = 0
files = glob.glob(f"{sys.argv[1]}/**/*.trx", recursive=True)
for path in files:
    root = ET.parse(path).getroot()
    counters = root.find(".//{*}Counters")
    passed += int(counters.get("passed", 0))
    failed += int(counters.get("failed", 0)) + int(counters.get("error", 0))
    for result in root.findall(".//{*}UnitTestResult"):
        if result.get("outcome") not in ("Failed", "Error"):
            continue
        message = result.findtext(".//{*}ErrorInfo/{*}Message") or ""
        stack = result.findtext(".//{*}ErrorInfo/{*}StackTrace") or ""
        print(f"FAILED {result.get('testName')}", file=sys.stderr)
        for line in (message.strip().splitlines()[:40] + stack.strip().splitlines()[:8]):
            print(f"    {line}", file=sys.stderr)
print(passed, failed if files else 1)
