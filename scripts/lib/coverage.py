"""Merges Cobertura reports (a line counts once, covered if any test run hit it); prints the line rate."""
import glob
import sys
import xml.etree.ElementTree as ET

lines = {}
for path in glob.glob(f"{sys.argv[1]}/**/coverage.cobertura.xml", recursive=True):
    for cls in ET.parse(path).getroot().iter("class"):
        name = cls.get("filename")
        for line in cls.iter("line"):
            key = (name, line.get("number"))
            lines[key] = lines.get(key, False) or int(line.get("hits", "0")) > 0
covered = sum(1 for hit in lines.values() if hit)
print(f"{100.0 * covered / len(lines):.1f}% ({covered}/{len(lines)} lines)" if lines else "n/a")
