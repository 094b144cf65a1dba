#!/usr/bin/env python3
"""The peer of `waba phone clean` for docs/performance.md: Python's phonenumbers on the same file.

Reads the list written by `cargo run --release -p waba-benches --bin phone-list` (one number per line;
it generates nothing itself), and for each line does what a Python user would write to clean a list:
parse with the business number's region (IN), is_valid_number, region, number type and E.164, one
JSON line out per row. Prints rows, seconds and rows per second on stderr.

    pip install phonenumbers
    python3 benches/phonenumbers_clean.py /tmp/phone-1m.txt /tmp/phone-1m.py.jsonl
"""
import json
import sys
import time

import phonenumbers
from phonenumbers import PhoneNumberFormat, PhoneNumberType

TYPES = {v: k.lower() for k, v in vars(PhoneNumberType).items() if k.isupper()}


def clean(line):
    try:
        n = phonenumbers.parse(line, "IN")
    except phonenumbers.NumberParseException as e:
        return {"input": line, "normalized": None, "valid": False, "region": None,
                "type": None, "error": str(e.error_type)}
    valid = phonenumbers.is_valid_number(n)
    return {
        "input": line,
        "normalized": phonenumbers.format_number(n, PhoneNumberFormat.E164),
        "valid": valid,
        "region": phonenumbers.region_code_for_number(n),
        "type": TYPES.get(phonenumbers.number_type(n)) if valid else None,
        "error": None,
    }


def main():
    src, dst = sys.argv[1], sys.argv[2]
    start = time.perf_counter()
    rows = 0
    with open(src, encoding="utf-8", errors="replace", newline="") as f, open(dst, "w") as out:
        for row, line in enumerate(f, 1):
            line = line.rstrip("\r\n")
            doc = clean(line)
            doc["row"] = row
            out.write(json.dumps(doc, ensure_ascii=False))
            out.write("\n")
            rows = row
    secs = time.perf_counter() - start
    print(f"phonenumbers {phonenumbers.__version__}: {rows} rows in {secs:.2f} s, "
          f"{rows / secs:,.0f} rows/s", file=sys.stderr)


if __name__ == "__main__":
    main()
