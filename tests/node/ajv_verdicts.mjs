// ajv's verdict on every fixture case, in one process.
// stdin: {"bundles": {protocol: path}, "indexes": {protocol: path},
//         "cases": [{"protocol", "direction", "event_type", "data"}]}
// stdout: {"protocols": {protocol: {"definitions", "warnings", "index"}},
//          "verdicts": [{"valid", "error", "event_valid"}]}
// `valid` is the verdict of the direction's union; `event_valid` that of the event's own
// definition, looked up through the event index (null when the index has no such type).
import { readFileSync } from "node:fs";
import { firstError, loadBundle, readStdin } from "./bundle.mjs";

const request = await readStdin();
const loaded = {};
const protocols = {};
for (const [protocol, path] of Object.entries(request.bundles)) {
  const { ajv, warnings, validators, unions } = loadBundle(path);
  const index = JSON.parse(readFileSync(request.indexes[protocol], "utf8"));
  const byType = {};
  for (const event of index.events) {
    const validate = ajv.getSchema(event.$ref);
    if (!validate) throw new Error(`${protocol}: index entry ${event.type} -> ${event.$ref} does not resolve`);
    byType[`${event.direction} ${event.type}`] = validate;
  }
  loaded[protocol] = { unions, byType };
  protocols[protocol] = { definitions: validators.size, warnings, index: index.events.length };
}

const verdicts = request.cases.map(({ protocol, direction, event_type, data }) => {
  const { unions, byType } = loaded[protocol];
  const union = unions[direction];
  const valid = union(data);
  const event = byType[`${direction} ${event_type}`];
  return { valid, error: firstError(union), event_valid: event ? event(data) : null };
});
process.stdout.write(JSON.stringify({ protocols, verdicts }));
