// Load a published bundle into ajv the way a TypeScript team would: draft 2020-12, strict mode,
// discriminator on, and the schema's two non-standard keywords declared (strict mode rejects
// unknown keywords until they are).
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";

export const EXTRA_KEYWORDS = ["version", "x-direction"];

export function loadBundle(path) {
  const bundle = JSON.parse(readFileSync(path, "utf8"));
  const warnings = [];
  const logger = {
    log: (...args) => warnings.push(args.join(" ")),
    warn: (...args) => warnings.push(args.join(" ")),
    error: (...args) => warnings.push(args.join(" ")),
  };
  const ajv = new Ajv2020({ strict: true, discriminator: true, logger });
  for (const keyword of EXTRA_KEYWORDS) ajv.addKeyword(keyword);
  ajv.addSchema(bundle);
  const definitions = new Map(); // canonical URI -> definition
  for (const resource of Object.values(bundle.$defs)) {
    for (const [key, definition] of Object.entries(resource.$defs ?? {})) {
      definitions.set(`${resource.$id}#/$defs/${key}`, definition);
    }
  }
  // Compile every definition, not only those the root reaches, so strict mode sees them all.
  const validators = new Map();
  for (const uri of definitions.keys()) {
    const validate = ajv.getSchema(uri);
    if (!validate) throw new Error(`${path}: ${uri} does not resolve`);
    validators.set(uri, validate);
  }
  const unions = {};
  for (const [uri, definition] of definitions) {
    if (definition["x-direction"]) unions[definition["x-direction"]] = validators.get(uri);
  }
  return { bundle, ajv, warnings, validators, unions };
}

export function firstError(validate) {
  const [error] = validate.errors ?? [];
  return error ? `${error.instancePath || "/"} ${error.message}` : null;
}

export async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString("utf8"));
}
