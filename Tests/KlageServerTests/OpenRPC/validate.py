#!/usr/bin/env python3
"""Validate an OpenRPC document (the result of `rpc.discover`) against the OpenRPC 1.3 meta-schema
beside this script, offline. Needs the Python package jsonschema (Debian: python3-jsonschema), 4.x:
with `referencing` (jsonschema >= 4.18) or without it (Debian 12's 4.10, through RefResolver).

Usage: validate.py DOC.json        (reads standard input when DOC is -)
Exit 0 and print "valid" when the document conforms; else print each error and exit 1."""
import json, pathlib, sys, warnings

import jsonschema

here = pathlib.Path(__file__).resolve().parent
doc = json.load(sys.stdin if sys.argv[1:] == ["-"] else open(sys.argv[1]))
schema = json.loads((here / "openrpc-1.3.schema.json").read_text())
meta = json.loads((here / "jsonschema-tools-meta.json").read_text())
# The OpenRPC schema names the JSON Schema meta-schema by URL; both spellings resolve to the local copy.
meta_urls = ["https://meta.json-schema.tools", "https://meta.json-schema.tools/"]

try:
    from referencing import Registry
    from referencing.jsonschema import DRAFT7
    resource = DRAFT7.create_resource(meta)
    validator = jsonschema.Draft7Validator(schema, registry=Registry().with_resources([(url, resource) for url in meta_urls]))
except ImportError:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        resolver = jsonschema.RefResolver.from_schema(schema, store={url: meta for url in meta_urls})
        validator = jsonschema.Draft7Validator(schema, resolver=resolver)

errors = list(validator.iter_errors(doc))
for e in errors:
    print("/".join(map(str, e.absolute_path)) or "(root)", "-", e.message[:200])
print("valid" if not errors else f"{len(errors)} error(s) against openrpc-1.3.schema.json")
sys.exit(1 if errors else 0)
