// Hand-written, not generated: `make generate` never writes runtime/ (generated/README.md).
//
// Which fault a DecodeError names. ajv's verdict on an event is the package's verdict; when it is
// "invalid", Python names the first fault in document order (msgspec decodes in one pass and stops
// there), while ajv reports in the order of the schema's keywords. So this walk follows msgspec's
// order over the value and lets ajv judge each node it reaches, by the node's own URI in the bundle
// (`<file $id>#/$defs/Name/properties/field/...`):
//
// - a node ajv accepts holds no fault; the walk goes into the first one it rejects;
// - an object's keys in document order (JSON.parse keeps it; a repeated key sits where it first
//   appeared, with the last value, as in Python's retry), each declared field before the next;
//   a field it lacks is found at the end of the object, the first in the schema's order;
// - a tagged union reads its tag first: a missing, non-string or unknown tag is `<path>.<tag>`;
// - an untagged choice (`anyOf`) is taken by the value's JSON kind, as msgspec's unions are;
// - a map's values are `<path>[...]`, array items `<path>[i]`, fields `<path>.name`.
//
// Where ajv rejects a node and no child explains it, the fault is the node itself.

/** The fault in `value` (invalid under the definition at `uri`): its JSON path and reason. */
export function locate(value, uri, validatorAt, bundle) {
  const walk = new Walk(validatorAt, bundle);
  try {
    const found = walk.fault(value, uri, "$");
    if (found) return found;
  } catch (error) {
    if (error instanceof RangeError) throw error; // too deep: the caller's verdict
  }
  // Not reached by the fixtures and fuzz frames the tests compare: where the walk cannot name
  // the fault, ajv's own first error, with its instancePath written as a JSON path.
  const validate = validatorAt(uri);
  validate(value);
  const [error] = validate.errors ?? [];
  return { path: jsonPath(value, error?.instancePath ?? ""), reason: `${error?.message} (by ajv)` };
}

/** An ajv instancePath (`/session/tools/0`) as a JSON path (`$.session.tools[0]`). */
function jsonPath(value, instancePath) {
  let path = "$";
  for (const step of instancePath.split("/").slice(1).map(unpointer)) {
    path += Array.isArray(value) ? `[${step}]` : `.${step}`;
    value = value?.[step];
  }
  return path;
}

class Walk {
  constructor(validatorAt, bundle) {
    this.validatorAt = validatorAt;
    this.resources = new Map(Object.values(bundle.$defs).map((r) => [r.$id, r]));
  }

  /** The first fault under `uri`, or null when ajv accepts `value` there. */
  fault(value, uri, path) {
    if (this.validatorAt(uri)(value)) return null;
    const schema = this.schemaAt(uri);
    if (typeof schema.$ref === "string") {
      return this.fault(value, resolve(uri, schema.$ref), path) ?? this.first(value, uri, path);
    }
    if (schema.discriminator && Array.isArray(schema.oneOf)) return this.variant(value, uri, schema, path);
    if (Array.isArray(schema.anyOf)) return this.choice(value, uri, schema, path);
    if (!hasType(schema.type, value)) return this.first(value, uri, path);
    if (isObject(value) && (schema.properties || isObject(schema.additionalProperties))) {
      return this.members(value, uri, schema, path) ?? this.first(value, uri, path);
    }
    if (Array.isArray(value) && isObject(schema.items)) {
      for (let i = 0; i < value.length; i += 1) {
        const found = this.fault(value[i], `${uri}/items`, `${path}[${i}]`);
        if (found) return found;
      }
    }
    return this.first(value, uri, path);
  }

  members(value, uri, schema, path) {
    const properties = schema.properties ?? {};
    for (const key of Object.keys(value)) {
      let found = null;
      if (Object.hasOwn(properties, key)) {
        found = this.fault(value[key], `${uri}/properties/${pointer(key)}`, `${path}.${key}`);
      } else if (isObject(schema.additionalProperties)) {
        found = this.fault(value[key], `${uri}/additionalProperties`, `${path}[...]`);
      }
      if (found) return found;
    }
    const required = new Set(schema.required ?? []);
    for (const name of Object.keys(properties)) {
      if (required.has(name) && !Object.hasOwn(value, name)) {
        return { path: `${path}.${name}`, reason: `missing required field \`${name}\`` };
      }
    }
    return null;
  }

  variant(value, uri, schema, path) {
    if (!isObject(value)) return this.first(value, uri, path);
    const tag = schema.discriminator.propertyName;
    const given = Object.hasOwn(value, tag) ? value[tag] : undefined;
    for (let i = 0; i < schema.oneOf.length; i += 1) {
      const branch = `${uri}/oneOf/${i}`;
      if (this.tagOf(branch, tag) === given && typeof given === "string") {
        return this.fault(value, branch, path) ?? this.first(value, uri, path);
      }
    }
    const reason = given === undefined ? `missing tag \`${tag}\`` : `unknown \`${tag}\` ${JSON.stringify(given)}`;
    return { path: `${path}.${tag}`, reason };
  }

  choice(value, uri, schema, path) {
    for (let i = 0; i < schema.anyOf.length; i += 1) {
      const branch = `${uri}/anyOf/${i}`;
      if (this.kinds(branch).has(kindOf(value))) {
        return this.fault(value, branch, path) ?? this.first(value, uri, path);
      }
    }
    return this.first(value, uri, path);
  }

  /** The JSON kinds a schema can accept at all: which branch of a choice a value takes. */
  kinds(uri) {
    const schema = this.schemaAt(uri);
    if (typeof schema.$ref === "string") return this.kinds(resolve(uri, schema.$ref));
    if (Array.isArray(schema.anyOf)) {
      return new Set(schema.anyOf.flatMap((_, i) => [...this.kinds(`${uri}/anyOf/${i}`)]));
    }
    if (Array.isArray(schema.oneOf)) return new Set(["object"]);
    const values = "const" in schema ? [schema.const] : schema.enum;
    if (values) return new Set(values.map(kindOf));
    const types = [schema.type ?? []].flat();
    return new Set(types.flatMap((t) => (t === "number" ? ["number", "integer"] : [t])));
  }

  tagOf(uri, tag) {
    const schema = this.schemaAt(uri);
    if (typeof schema.$ref === "string") return this.tagOf(resolve(uri, schema.$ref), tag);
    return schema.properties?.[tag]?.const;
  }

  /** The node itself as the fault, with ajv's first complaint about it as the reason. */
  first(value, uri, path) {
    const validate = this.validatorAt(uri);
    validate(value);
    const [error] = validate.errors ?? [];
    return { path, reason: error ? `${error.instancePath || "/"} ${error.message}` : "invalid" };
  }

  schemaAt(uri) {
    const [base, fragment = ""] = uri.split("#");
    let node = this.resources.get(base);
    for (const step of fragment.split("/").slice(1)) node = node?.[unpointer(step)];
    if (!isObject(node)) throw new Error(`${uri} is not a schema in the bundle`);
    return node;
  }
}

function resolve(uri, ref) {
  return new URL(ref, uri).href;
}

function pointer(key) {
  return encodeURIComponent(key.replaceAll("~", "~0").replaceAll("/", "~1"));
}

function unpointer(step) {
  return decodeURIComponent(step).replaceAll("~1", "/").replaceAll("~0", "~");
}

function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A value's JSON kind, as JSON Schema's `type` names it (an integral number is an integer). */
function kindOf(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function hasType(type, value) {
  if (type === undefined) return true;
  const kind = kindOf(value);
  return [type].flat().some((t) => t === kind || (t === "number" && kind === "integer"));
}
