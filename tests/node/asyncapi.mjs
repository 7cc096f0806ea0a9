// Parse each AsyncAPI document with the official parser, in one process.
// argv: the documents. Payload $refs are canonical URIs that the bundle named by the document's
// `x-schema-bundle` defines; a resolver serves them from that bundle, so nothing is fetched.
// stdout: {path: {"diagnostics": [...], "operations": {action: [message names]},
//                 "payload_tags": {message name: the payload's `type` const},
//                 "example_errors": [message names whose example the payload rejects]}}
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { Parser, fromFile } from "@asyncapi/parser";
import { firstError, loadBundle } from "./bundle.mjs";

const report = {};
for (const path of process.argv.slice(2)) {
  const document = JSON.parse(readFileSync(path, "utf8"));
  const bundlePath = resolve(dirname(path), document["x-schema-bundle"]);
  const { bundle, ajv } = loadBundle(bundlePath);
  const resources = new Map(Object.values(bundle.$defs).map((r) => [r.$id, JSON.stringify(r)]));
  const withoutFragment = (uri) => uri.toString().split("#")[0];
  const fromBundle = {
    schema: "https",
    order: 1,
    canRead: (uri) => resources.has(withoutFragment(uri)),
    read: (uri) => resources.get(withoutFragment(uri)),
  };
  const parser = new Parser({ __unstable: { resolver: { resolvers: [fromBundle] } } });
  const { document: parsed, diagnostics } = await fromFile(parser, path).parse();
  const entry = {
    diagnostics: diagnostics.map((d) => ({
      severity: d.severity,
      code: d.code,
      message: d.message,
      path: d.path.join("/"),
    })),
    operations: {},
    payload_tags: {},
    example_errors: [],
  };
  if (parsed) {
    for (const operation of parsed.operations().all()) {
      entry.operations[operation.action()] = operation.messages().all().map((m) => m.name());
    }
    for (const message of parsed.messages().all()) {
      entry.payload_tags[message.name()] = message.json().payload.schema.properties?.type?.const;
    }
  }
  // The examples against the payloads, by the payloads' own $ref (what a consumer would do).
  for (const message of Object.values(document.components.messages)) {
    const validate = ajv.getSchema(message.payload.schema.$ref);
    if (!validate) {
      entry.example_errors.push(`${message.name}: payload ${message.payload.schema.$ref} does not resolve`);
      continue;
    }
    for (const example of message.examples ?? []) {
      if (!validate(example.payload)) entry.example_errors.push(`${message.name}: ${firstError(validate)}`);
    }
  }
  report[path] = entry;
}
process.stdout.write(JSON.stringify(report));
