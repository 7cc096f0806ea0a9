// Hand-written, not generated: `make generate` never writes runtime/ (generated/README.md).
// A frame as a JSON value, read by the rules Python's backends follow (README, "Hostile input").
import { DecodeError } from "./errors.js";

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }); // a BOM is not JSON
const lenient = new TextDecoder("utf-8", { ignoreBOM: true });

/**
 * The JSON value of a frame: text (a string), UTF-8 bytes (an ArrayBuffer or a view of one), or
 * a value already parsed, which is returned as it is. Raises DecodeError for what is not JSON:
 * lone surrogates (raw, or escaped as `"\ud800"`, even in a repeated key's dropped value), NaN
 * and Infinity, anything JSON.parse refuses, and bytes that are not UTF-8 (a `NotUtf8` error,
 * which `readNotUtf8` may still read).
 */
export function readFrame(frame) {
  let text;
  if (typeof frame === "string") {
    if (!frame.isWellFormed()) throw new DecodeError("not valid JSON: a lone surrogate");
    text = frame;
  } else if (isBytes(frame)) {
    try {
      text = utf8.decode(frame);
    } catch {
      throw new NotUtf8("not valid JSON: bytes that are not UTF-8");
    }
  } else {
    return frame;
  }
  return parse(text);
}

/** A frame whose bytes are not all UTF-8. */
export class NotUtf8 extends DecodeError {}

export function isBytes(frame) {
  return frame instanceof ArrayBuffer || ArrayBuffer.isView(frame);
}

function parse(text) {
  let value;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new DecodeError(`not valid JSON: ${error.message}`);
  }
  if (hasLoneSurrogateEscape(text)) {
    throw new DecodeError("not valid JSON: a lone surrogate escape");
  }
  return value;
}

// A stand-in for a string or key holding bytes that are not UTF-8: a number beyond a double,
// which every declared field rejects and an undeclared one is never looked at.
const NOT_UTF8 = Infinity;

/**
 * A frame with bytes that are not UTF-8, read as Python reads it: msgspec skips undeclared fields
 * unread, their bytes included, so such a frame can still be a valid event. Each string (or key)
 * holding those bytes becomes a number beyond a double (`judged`); `shown` is the frame decoded
 * with U+FFFD for them, what an event verdict returns. Null when it is not JSON even so.
 */
export function readNotUtf8(frame) {
  const bytes = frame instanceof ArrayBuffer ? new Uint8Array(frame) : asBytes(frame);
  let shown, escaped;
  try {
    shown = parse(lenient.decode(bytes));
    escaped = parse(escapeNotUtf8(bytes));
  } catch (error) {
    if (error instanceof DecodeError) return null;
    throw error;
  }
  return { judged: standIn(escaped), shown };
}

function asBytes(view) {
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

/** UTF-8 decoded, each byte of an ill-formed sequence as U+DC80..U+DCFF (Python's
 * `surrogateescape`), so a string with such bytes can be told from one with a real U+FFFD. */
function escapeNotUtf8(bytes) {
  const parts = [];
  let start = 0;
  let i = 0;
  while (i < bytes.length) {
    const length = wellFormed(bytes, i);
    if (length) {
      i += length;
      continue;
    }
    parts.push(lenient.decode(bytes.subarray(start, i)), String.fromCharCode(0xdc00 + bytes[i]));
    i += 1;
    start = i;
  }
  parts.push(lenient.decode(bytes.subarray(start)));
  return parts.join("");
}

/** The length of the well-formed UTF-8 sequence at `i` (Unicode Table 3-7), or 0. */
function wellFormed(bytes, i) {
  const b = bytes[i];
  if (b < 0x80) return 1;
  const tail = (k, low = 0x80, high = 0xbf) => i + k < bytes.length && bytes[i + k] >= low && bytes[i + k] <= high;
  if (b >= 0xc2 && b <= 0xdf) return tail(1) ? 2 : 0;
  if (b >= 0xe0 && b <= 0xef) {
    const [low, high] = b === 0xe0 ? [0xa0, 0xbf] : b === 0xed ? [0x80, 0x9f] : [0x80, 0xbf];
    return tail(1, low, high) && tail(2) ? 3 : 0;
  }
  if (b >= 0xf0 && b <= 0xf4) {
    const [low, high] = b === 0xf0 ? [0x90, 0xbf] : b === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
    return tail(1, low, high) && tail(2) && tail(3) ? 4 : 0;
  }
  return 0;
}

const ESCAPED_BYTE = /[\udc80-\udcff]/;

function standIn(value) {
  if (typeof value === "string") return ESCAPED_BYTE.test(value) ? NOT_UTF8 : value;
  if (Array.isArray(value)) return value.map(standIn);
  if (typeof value !== "object" || value === null) return value;
  const out = {};
  Object.keys(value).forEach((key, index) => {
    // An undeclared key is skipped; a map's key is read, and fails.
    if (ESCAPED_BYTE.test(key)) out[`\u0000not-utf8-${index}`] = NOT_UTF8;
    else out[key] = standIn(value[key]);
  });
  return out;
}

const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F][0-9a-fA-F]{2}/g;

/** Whether JSON text (already known to parse) escapes a surrogate that has no partner. */
function hasLoneSurrogateEscape(text) {
  if (!text.includes("\\ud") && !text.includes("\\uD")) return false; // most frames: fast
  SURROGATE_ESCAPE.lastIndex = 0;
  let pairedUpTo = -1; // the end of the last low surrogate a high one claimed
  for (let match; (match = SURROGATE_ESCAPE.exec(text)); ) {
    const at = match.index;
    if (at < pairedUpTo || !isEscape(text, at)) continue;
    if (!/[89abAB]/.test(match[0][3])) return true; // a low surrogate no high one claimed
    if (!/^\\u[dD][c-fC-F][0-9a-fA-F]{2}$/.test(text.slice(at + 6, at + 12))) return true;
    pairedUpTo = at + 12;
  }
  return false;
}

/** Whether the backslash at `at` starts an escape: an even run of backslashes precedes it. */
function isEscape(text, at) {
  let run = 0;
  while (at - run - 1 >= 0 && text[at - run - 1] === "\\") run += 1;
  return run % 2 === 0;
}
