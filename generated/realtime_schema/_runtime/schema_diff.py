# Hand-written, not generated: `make generate` never writes _runtime/ (generated/README.md).
"""`realtime-schema diff OLD NEW`: what changed between two versions of the schema, and whether
it breaks anyone.

OLD and NEW are each a bundle (`generated/schema/<protocol>.schema.json`), a single schema file,
or a schema folder (`schema/ga`). Events are matched by direction and `type` string (the event
unions carry `x-direction`), every other definition by `title`.

A change is **breaking** when something that worked against OLD may fail against NEW: a frame
OLD accepts that NEW rejects (a narrowed type, a closed vocabulary, a new required field, a field
that became required, fewer enum values, no longer nullable, a tighter bound, a removed union
variant), or a name OLD declared that NEW drops or moves (a removed event, field or definition:
generated code loses the class or attribute; a split definition: a field now names another
definition, the request or response shape OLD's one was split into, while OLD's stays for its
other uses). It is **compatible** when NEW only adds (events, optional fields, definitions, wider
types, an opened union that keeps unknown tags as its unknown variant, looser bounds), and
**docs** when only annotations changed (description, default).
Breaking needs a major version, compatible a minor, docs a patch (semver; CHANGELOG.md).

Exit status: 0 when nothing is breaking, 1 when something is, 2 on bad input.
Standard library only: this module ships in the package as `realtime_schema._runtime`.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urljoin

Classification = Literal["breaking", "compatible", "docs"]
BUMP = {"breaking": "major", "compatible": "minor", "docs": "patch"}
_ANNOTATIONS = ("title", "description", "default", "examples", "$comment")
# Validation bounds: raising a lower bound or lowering an upper one narrows what is accepted;
# adding or changing one of the others narrows it too (it cannot be ordered).
_LOWER_BOUNDS = ("minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties")
_UPPER_BOUNDS = ("maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties")
_OTHER_BOUNDS = ("pattern", "multipleOf")


@dataclass(frozen=True)
class Change:
    classification: Classification
    kind: str
    where: str
    detail: str

    def line(self) -> str:
        return f"{self.classification:<10}  {self.kind:<24}  {self.where}: {self.detail}"


@dataclass
class Definition:
    title: str
    schema: dict[str, Any]
    base: str  # the `$id` of the resource it lives in: its `$ref`s resolve against it


@dataclass
class Schema:
    """One version: its definitions by title, its events by (direction, type) -> title."""

    source: str
    version: str | None
    definitions: dict[str, Definition] = field(default_factory=dict)
    by_uri: dict[str, Definition] = field(default_factory=dict)
    events: dict[tuple[str, str], str] = field(default_factory=dict)
    event_unions: set[str] = field(default_factory=set)

    def resolve(self, base: str, ref: str) -> Definition:
        uri = urljoin(base, ref)
        if uri not in self.by_uri:
            raise ValueError(f"{self.source}: cannot resolve $ref {ref!r} from {base}")
        return self.by_uri[uri]

    def is_unknown_variant(self, title: str) -> bool:
        """An unknown variant (schema/README.md): its tag is any string but the union's."""
        definition = self.definitions.get(title)
        tag = definition.schema.get("properties", {}).get("type", {}) if definition else {}
        return "not" in tag

    def tag_of(self, definition: Definition, discriminator: str) -> str:
        prop = definition.schema.get("properties", {}).get(discriminator, {})
        return json.dumps(prop.get("const", prop.get("enum")))


def load(path: str | Path) -> Schema:
    """A bundle, a single schema file, or a folder of schema files."""
    path = Path(path)
    if path.is_dir():
        files = [json.loads(p.read_text()) for p in sorted(path.glob("*.json"))]
        resources = [doc for doc in files if isinstance(doc, dict) and "$id" in doc]
        version_file = path.parent / "VERSION"
        version = version_file.read_text().strip() if version_file.exists() else None
        return from_resources(str(path), resources, version)
    document = json.loads(path.read_text())
    return from_document(str(path), document)


def from_document(source: str, document: dict[str, Any]) -> Schema:
    """A bundle (resources embedded under `$defs`, each with its `$id`) or a single file."""
    embedded = [
        value
        for value in document.get("$defs", {}).values()
        if isinstance(value, dict) and "$id" in value
    ]
    version = document.get("version")
    return from_resources(source, embedded or [document], version)


def from_resources(source: str, resources: list[dict[str, Any]], version: str | None) -> Schema:
    schema = Schema(source, version)
    if not resources:
        raise ValueError(f"{source}: no schema resources (documents with an $id)")
    for resource in resources:
        base = resource["$id"]
        for key, definition in resource.get("$defs", {}).items():
            title = definition.get("title", key)
            entry = Definition(title, definition, base)
            schema.definitions[title] = entry
            schema.by_uri[f"{base}#/$defs/{key}"] = entry
    for definition in schema.definitions.values():
        direction = definition.schema.get("x-direction")
        if not direction:
            continue
        schema.event_unions.add(definition.title)
        discriminator = definition.schema.get("discriminator", {}).get("propertyName", "type")
        for option in definition.schema.get("oneOf", []):
            variant = schema.resolve(definition.base, option["$ref"])
            tag = json.loads(schema.tag_of(variant, discriminator))
            schema.events[(direction, str(tag))] = variant.title
    return schema


@dataclass(frozen=True)
class Shape:
    """What a property schema accepts: atoms (a JSON type, a literal value, a definition), the
    shape of array items and map values."""

    atoms: frozenset[tuple[str, str]]
    items: Shape | None = None
    values: Shape | None = None
    bounds: tuple[tuple[str, Any], ...] = ()  # (keyword, value) of the validation bounds


ANY = Shape(frozenset({("any", "")}))


def shape(schema: Schema, where: Definition, node: Any) -> Shape:
    if node is True or not isinstance(node, dict):
        return ANY
    parts: list[Shape] = []
    for keyword in ("anyOf", "oneOf"):
        parts += [shape(schema, where, option) for option in node.get(keyword, [])]
    atoms: set[tuple[str, str]] = set()
    if "$ref" in node:
        atoms.add(("ref", schema.resolve(where.base, node["$ref"]).title))
    if "const" in node:
        atoms.add(("value", json.dumps(node["const"])))
    atoms.update(("value", json.dumps(value)) for value in node.get("enum", []))
    declared = node.get("type")
    types = [declared] if isinstance(declared, str) else list(declared or [])
    items = shape(schema, where, node["items"]) if "array" in types else None
    values = None
    if "object" in types:
        values = shape(schema, where, node.get("additionalProperties", True))
    if "const" not in node and "enum" not in node:
        atoms.update(("type", t) for t in types)
    bounds = {k: node[k] for k in (*_LOWER_BOUNDS, *_UPPER_BOUNDS, *_OTHER_BOUNDS) if k in node}
    if not atoms and not parts and not bounds:
        return ANY
    for part in parts:
        atoms |= part.atoms
        items = items or part.items
        values = values or part.values
        bounds = {**dict(part.bounds), **bounds}
    return Shape(frozenset(atoms or ANY.atoms), items, values, tuple(sorted(bounds.items())))


def covers(atoms: frozenset[tuple[str, str]], atom: tuple[str, str]) -> bool:
    """Whether a value `atom` stands for is accepted by `atoms`."""
    if ("any", "") in atoms or atom in atoms:
        return True
    kind, value = atom
    if kind == "type" and value == "integer":
        return ("type", "number") in atoms
    if kind == "value":
        literal = json.loads(value)
        json_type = _json_type(literal)
        return ("type", json_type) in atoms or (
            json_type == "integer" and ("type", "number") in atoms
        )
    return False


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def _describe(atoms: list[tuple[str, str]]) -> str:
    return ", ".join(value if kind != "any" else "anything" for kind, value in sorted(atoms))


class Comparison:
    def __init__(self, old: Schema, new: Schema) -> None:
        self.old = old
        self.new = new
        self.changes: list[Change] = []
        self.queue: list[tuple[str, str]] = []
        self.seen: set[tuple[str, str]] = set()

    def add(self, classification: Classification, kind: str, where: str, detail: str) -> None:
        self.changes.append(Change(classification, kind, where, detail))

    def run(self) -> list[Change]:
        for key in self.old.events:
            if key not in self.new.events:
                self.add("breaking", "removed event", " ".join(key), "NEW has no such event")
        for key in self.new.events:
            if key not in self.old.events:
                self.add("compatible", "added event", " ".join(key), "new in NEW")
        for key, old_title in self.old.events.items():
            if key in self.new.events:
                self.pair(old_title, self.new.events[key])
        for title in self.old.definitions:
            if title not in self.new.definitions:
                self.add("breaking", "removed definition", title, "NEW has no such title")
        for title in self.new.definitions:
            if title not in self.old.definitions:
                self.add("compatible", "added definition", title, "new in NEW")
            elif title not in self.old.event_unions:
                self.pair(title, title)
        while self.queue:
            self.compare_definitions(*self.queue.pop(0))
        # Breaking first; then by place, so the order does not depend on file order.
        rank = list(BUMP)
        return sorted(self.changes, key=lambda c: (rank.index(c.classification), c.where, c.kind))

    def pair(self, old_title: str, new_title: str) -> None:
        if (old_title, new_title) not in self.seen:
            self.seen.add((old_title, new_title))
            self.queue.append((old_title, new_title))

    def compare_definitions(self, old_title: str, new_title: str) -> None:
        old, new = self.old.definitions[old_title], self.new.definitions[new_title]
        where = new_title if old_title == new_title else f"{old_title}→{new_title}"
        self.compare_annotations(old.schema, new.schema, where, ("title",))
        old_union, new_union = "oneOf" in old.schema, "oneOf" in new.schema
        if old_union and new_union:
            self.compare_unions(old, new, where)
        elif not old_union and not new_union:
            self.compare_objects(old, new, where)
        elif new_union:
            # An object became a tagged union: the closest variant is what it turned into.
            self.add("breaking", "object became a union", where, "NEW needs a variant tag")
            variants = [
                self.new.resolve(new.base, option["$ref"]) for option in new.schema["oneOf"]
            ]
            fields = set(old.schema.get("properties", {}))
            best = max(variants, key=lambda v: len(fields & set(v.schema.get("properties", {}))))
            self.pair(old_title, best.title)
        else:
            self.add("breaking", "union became an object", where, "variants are gone")

    def compare_unions(self, old: Definition, new: Definition, where: str) -> None:
        old_key = old.schema.get("discriminator", {}).get("propertyName")
        new_key = new.schema.get("discriminator", {}).get("propertyName")
        if old_key != new_key:
            self.add("breaking", "discriminator changed", where, f"{old_key} → {new_key}")
            return
        old_variants = self.variants(self.old, old, old_key)
        new_variants = self.variants(self.new, new, new_key)
        for tag, title in old_variants.items():
            if tag not in new_variants:
                self.add("breaking", "removed union variant", where, f"{tag} ({title})")
            else:
                self.pair(title, new_variants[tag])
        for tag, title in new_variants.items():
            if tag not in old_variants:
                self.add("compatible", "added union variant", where, f"{tag} ({title})")

    def variants(self, schema: Schema, union: Definition, key: str | None) -> dict[str, str]:
        found = {}
        for option in union.schema["oneOf"]:
            variant = schema.resolve(union.base, option["$ref"])
            found[schema.tag_of(variant, key or "type")] = variant.title
        return found

    def compare_objects(self, old: Definition, new: Definition, where: str) -> None:
        old_props = old.schema.get("properties", {})
        new_props = new.schema.get("properties", {})
        old_required = set(old.schema.get("required", []))
        new_required = set(new.schema.get("required", []))
        for name in old_props:
            if name not in new_props:
                self.add("breaking", "removed field", f"{where}.{name}", "NEW has no such field")
        for name in new_props:
            if name not in old_props:
                if name in new_required:
                    self.add("breaking", "new required field", f"{where}.{name}", "required")
                else:
                    self.add("compatible", "added optional field", f"{where}.{name}", "optional")
        for name, old_prop in old_props.items():
            if name not in new_props:
                continue
            at = f"{where}.{name}"
            if name in new_required and name not in old_required:
                self.add("breaking", "field became required", at, "OLD frames may omit it")
            if name in old_required and name not in new_required:
                self.add("compatible", "field became optional", at, "NEW frames may omit it")
            self.compare_annotations(old_prop, new_props[name], at, ())
            self.compare_shapes(
                shape(self.old, old, old_prop), shape(self.new, new, new_props[name]), at
            )
        if old.schema.get("additionalProperties", True) is not False and (
            new.schema.get("additionalProperties", True) is False
        ):
            self.add("breaking", "closed object", where, "NEW rejects undeclared fields")

    def compare_shapes(self, old: Shape, new: Shape, where: str) -> None:
        old_refs = {value for kind, value in old.atoms if kind == "ref"}
        new_refs = {value for kind, value in new.atoms if kind == "ref"}
        gone = [a for a in old.atoms if not covers(new.atoms, a)]
        came = [a for a in new.atoms if not covers(old.atoms, a)]
        unknown = sorted(v for k, v in came if k == "ref" and self.new.is_unknown_variant(v))
        if unknown:
            # `anyOf [U, UnknownU]`: an object whose tag U does not know is no longer an error.
            detail = f"NEW keeps an object of a tag it does not know as {', '.join(unknown)}"
            self.add("compatible", "opened union", where, detail)
            came = [a for a in came if a[1] not in unknown]
        gone_refs = sorted(v for k, v in gone if k == "ref")
        came_refs = sorted(v for k, v in came if k == "ref")
        if len(gone_refs) == 1 and len(came_refs) == 1:
            # The field now names another definition: compare the two, not their names.
            old_ref, new_ref = gone_refs[0], came_refs[0]
            if old_ref in self.new.definitions:
                # OLD's definition stays for its other uses: it was split in two (a request
                # shape and a response shape). Code that names it here now names another type.
                detail = f"{old_ref} → {new_ref} (NEW keeps {old_ref} for its other uses)"
                self.add("breaking", "split definition", where, detail)
            else:
                self.add("docs", "type renamed", where, f"{old_ref} → {new_ref}")
            self.pair(old_ref, new_ref)
            gone = [a for a in gone if a[0] != "ref"]
            came = [a for a in came if a[0] != "ref"]
        for title in old_refs & new_refs:
            self.pair(title, title)
        if ("type", "null") in gone:
            self.add("breaking", "no longer nullable", where, "NEW rejects null")
        if ("type", "null") in came:
            self.add("compatible", "now nullable", where, "NEW accepts null")
        gone = [a for a in gone if a != ("type", "null")]
        came = [a for a in came if a != ("type", "null")]
        closed = [a for a in new.atoms if a[0] == "value" and covers(frozenset(gone), a)]
        if gone and closed and all(a[0] == "type" for a in gone):
            # Any string before, a list of them now: a vocabulary was closed.
            self.add(
                "breaking", "closed vocabulary", where, f"NEW accepts only {_describe(closed)}"
            )
        elif gone:
            self.add("breaking", "narrowed type", where, f"NEW no longer accepts {_describe(gone)}")
        if came:
            self.add("compatible", "widened type", where, f"NEW also accepts {_describe(came)}")
        self.compare_bounds(dict(old.bounds), dict(new.bounds), where)
        if old.items and new.items:
            self.compare_shapes(old.items, new.items, where + "[]")
        if old.values and new.values:
            self.compare_shapes(old.values, new.values, where + "{}")

    def compare_bounds(self, old: dict[str, Any], new: dict[str, Any], where: str) -> None:
        for keyword in sorted(old.keys() | new.keys()):
            before, after = old.get(keyword), new.get(keyword)
            if before == after:
                continue
            detail = f"{keyword} {json.dumps(before)} → {json.dumps(after)}"
            if after is None:
                narrower = False
            elif before is None or keyword in _OTHER_BOUNDS:
                narrower = True
            else:
                narrower = after > before if keyword in _LOWER_BOUNDS else after < before
            if narrower:
                self.add("breaking", "narrowed bounds", where, detail)
            else:
                self.add("compatible", "widened bounds", where, detail)

    def compare_annotations(
        self, old: dict[str, Any], new: dict[str, Any], where: str, skip: tuple[str, ...]
    ) -> None:
        """`skip`: a definition's title is its identity (a new title is a removed definition
        and an added one), not an annotation."""
        for keyword in _ANNOTATIONS:
            if keyword not in skip and old.get(keyword) != new.get(keyword):
                self.add("docs", f"{keyword} changed", where, "annotation only")


def compare(old: Schema, new: Schema) -> list[Change]:
    return Comparison(old, new).run()


def report(old: Schema, new: Schema, changes: list[Change]) -> dict[str, Any]:
    counts = {c: sum(1 for x in changes if x.classification == c) for c in BUMP}
    worst = next((c for c in BUMP if counts[c]), None)
    return {
        "old": {"source": old.source, "version": old.version},
        "new": {"source": new.source, "version": new.version},
        "counts": counts,
        "required_bump": BUMP[worst] if worst else None,
        "changes": [asdict(c) for c in changes],
    }


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("old", help="the old version: a bundle, a schema file or a folder")
    parser.add_argument("new", help="the new version, in any of the same forms")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")


def add_parser(subparsers: Any) -> None:
    """Register `diff` on the `realtime-schema` command line."""
    parser = subparsers.add_parser(
        "diff",
        help="classify the changes between two schema versions",
        description=__doc__.split("\n\n")[1] if __doc__ else None,
    )
    add_arguments(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        old, new = load(args.old), load(args.new)
        changes = compare(old, new)
    except (OSError, ValueError, KeyError) as exc:
        print(f"realtime-schema diff: {exc}", file=sys.stderr)
        return 2
    result = report(old, new, changes)
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        for change in changes:
            print(change.line())
        counts = result["counts"]
        summary = ", ".join(f"{counts[c]} {c}" for c in BUMP)
        bump = result["required_bump"]
        print(f"{summary}; needs " + (f"a {bump} version bump" if bump else "no new version"))
    return 1 if result["counts"]["breaking"] else 0
