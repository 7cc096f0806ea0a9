// Hand-written, not generated: `make generate` never writes runtime/ (generated/README.md).
// The runtime of the npm package: read a frame, judge it with ajv, name the fault as Python does.
import Ajv2020 from "ajv/dist/2020.js";
import { locate } from "./locate.js";
import { NotUtf8, readFrame, readNotUtf8 } from "./frame.js";
import { DecodeError } from "./errors.js";

export { DecodeError } from "./errors.js";

// The bundle's two vendor keywords: strict mode rejects a keyword until it is declared.
export const EXTRA_KEYWORDS = Object.freeze(["version", "x-direction"]);

/**
 * The frame's `type`, for routing, or undefined when the frame is not a JSON object with a
 * string `type` (where Python's `peek_type` raises DecodeError).
 */
export function peekType(frame) {
  let value;
  try {
    value = readFrame(frame);
  } catch (error) {
    if (!(error instanceof DecodeError)) throw error;
    // Python reads only `type` and skips the rest unread: bytes that are not UTF-8 included.
    if (!(error instanceof NotUtf8)) return undefined;
    try {
      value = readNotUtf8(frame)?.judged;
    } catch (failure) {
      if (!(failure instanceof RangeError)) throw failure;
      return undefined;
    }
  }
  const type = isObject(value) && Object.hasOwn(value, "type") ? value.type : undefined;
  return typeof type === "string" ? type : undefined;
}

/** A protocol's validators, from its bundle and event index (`<protocol>.js` calls this). */
export function createProtocol(bundle, index) {
  const uris = { client: new Map(), server: new Map() };
  for (const event of index.events) uris[event.direction].set(event.type, event.$ref);
  let ajv; // compiled on first use: importing the package costs no schema compilation
  const compiled = new Map();
  const validatorAt = (uri) => {
    let validate = compiled.get(uri);
    if (validate === undefined) {
      ajv ??= newAjv(bundle);
      validate = ajv.getSchema(uri);
      if (!validate) throw new Error(`${bundle.$id}: ${uri} does not resolve`);
      compiled.set(uri, validate);
    }
    return validate;
  };
  const judge = (direction) => (frame) => validate(frame, uris[direction], validatorAt, bundle);
  return {
    clientEventTypes: Object.freeze([...uris.client.keys()]),
    serverEventTypes: Object.freeze([...uris.server.keys()]),
    validateClientEvent: judge("client"),
    validateServerEvent: judge("server"),
  };
}

function newAjv(bundle) {
  const ajv = new Ajv2020({ strict: true, discriminator: true });
  for (const keyword of EXTRA_KEYWORDS) ajv.addKeyword(keyword);
  ajv.addSchema(bundle);
  return ajv;
}

function validate(frame, uris, validatorAt, bundle) {
  let value;
  try {
    value = readFrame(frame);
  } catch (error) {
    if (error instanceof NotUtf8) return validateNotUtf8(frame, error, uris, validatorAt, bundle);
    if (error instanceof DecodeError) return invalid(error);
    throw error;
  }
  if (!isObject(value)) {
    return invalid(new DecodeError(`expected a JSON object, got ${kindOf(value)}`));
  }
  const type = Object.hasOwn(value, "type") ? value.type : undefined;
  if (typeof type !== "string") {
    const reason = type === undefined ? "missing `type`" : "`type` must be a string";
    return invalid(new DecodeError(reason, { path: "$.type" }));
  }
  const uri = uris.get(type);
  if (uri === undefined) {
    // An unknown event is carried whole, so all of it must be JSON a double can hold.
    if (hasNonFinite(value)) {
      return invalid(new DecodeError("not valid JSON: a number beyond the range of a double"));
    }
    return { kind: "unknown", type, raw: value };
  }
  return judgeEvent(value, value, type, uri, validatorAt, bundle, "");
}

/** A known event with bytes that are not UTF-8: an event when they sit only in undeclared
 * fields (Python skips those unread), else the fault; not an event of a known type: `error`. */
function validateNotUtf8(frame, error, uris, validatorAt, bundle) {
  let read;
  try {
    read = readNotUtf8(frame);
  } catch (failure) {
    if (!(failure instanceof RangeError)) throw failure; // nesting too deep for the call stack
    return invalid(error);
  }
  const type = isObject(read?.judged) ? read.judged.type : undefined;
  const uri = typeof type === "string" ? uris.get(type) : undefined;
  if (uri === undefined) return invalid(error); // an unknown event is carried whole: all read
  const note = " (the frame has bytes that are not UTF-8)";
  return judgeEvent(read.judged, read.shown, type, uri, validatorAt, bundle, note);
}

function judgeEvent(value, shown, type, uri, validatorAt, bundle, note) {
  try {
    if (validatorAt(uri)(value)) return { kind: "event", event: shown };
    const { path, reason } = locate(value, uri, validatorAt, bundle);
    return invalid(new DecodeError(reason + note, { path, eventType: type }));
  } catch (error) {
    if (!(error instanceof RangeError)) throw error; // nesting too deep for the call stack
    return invalid(new DecodeError(`too deeply nested: ${error.message}`, { eventType: type }));
  }
}

function invalid(error) {
  return { kind: "invalid", error };
}

function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function kindOf(value) {
  if (value === null) return "null";
  return Array.isArray(value) ? "array" : typeof value;
}

/** Whether a value holds a number JSON text cannot (1e400 reads as Infinity). Iterative, and
 * each object once: a parsed value handed in may be deep, or (not being JSON) hold a cycle. */
function hasNonFinite(root) {
  const stack = [root];
  const seen = new Set();
  while (stack.length) {
    const value = stack.pop();
    if (typeof value === "number") {
      if (!Number.isFinite(value)) return true;
    } else if (typeof value === "object" && value !== null && !seen.has(value)) {
      seen.add(value);
      for (const item of Object.values(value)) stack.push(item);
    }
  }
  return false;
}
