// A TypeScript project that installed the npm package: compiled with `tsc --strict` against the
// package's declarations and run with Node (tests/test_npm.py). It imports only the package.
// Each `check` is a runtime claim; each `@ts-expect-error` a claim the compiler must reject.
import { DecodeError, peekType, type Verdict } from "realtime-schema";
import * as beta from "realtime-schema/beta";
import {
  CLIENT_EVENT_TYPES,
  PROTOCOL,
  SCHEMA_VERSION,
  SERVER_EVENT_TYPES,
  validateClientEvent,
  validateServerEvent,
  type ClientEventType,
  type ResponseOutputAudioDeltaEvent,
  type ServerEvent,
  type ServerEventMap,
} from "realtime-schema/ga";
import bundle from "realtime-schema/schema/ga.schema.json" with { type: "json" };
import index from "realtime-schema/schema/ga.events.json" with { type: "json" };
import * as translation from "realtime-schema/translation";

let checks = 0;
function check(claim: boolean, what: string): void {
  checks += 1;
  if (!claim) throw new Error(`claim failed: ${what}`);
}

const delta =
  '{"type":"response.output_audio.delta","event_id":"event_1","response_id":"resp_1",' +
  '"item_id":"item_1","output_index":0,"content_index":0,"delta":"AAAA//8=","new_field":1}';

// An event, typed: narrowing on `kind`, then on `type`.
const verdict: Verdict<ServerEvent> = validateServerEvent(delta);
check(verdict.kind === "event", "a valid delta is an event");
if (verdict.kind === "event") {
  const event: ServerEvent = verdict.event;
  check(event.type === "response.output_audio.delta", "its type");
  if (event.type === "response.output_audio.delta") {
    const audio: ResponseOutputAudioDeltaEvent = event;
    const base64: string = audio.delta;
    check(base64 === "AAAA//8=", "the payload as base64 text");
    // @ts-expect-error: the narrowed event has no `session`
    void event.session;
  }
}
// @ts-expect-error: `event` exists only once `kind` says "event"
void verdict.event;

// The same frame as UTF-8 bytes, and as a value parsed beforehand.
check(validateServerEvent(new TextEncoder().encode(delta)).kind === "event", "bytes");
check(validateServerEvent(JSON.parse(delta)).kind === "event", "a parsed value");
check(validateServerEvent(new TextEncoder().encode(delta).buffer).kind === "event", "an ArrayBuffer");

// A type nobody knows never breaks a receive loop.
const future = validateServerEvent('{"type":"future.event","x":[1,2]}');
check(future.kind === "unknown" && future.type === "future.event", "an unknown type");
if (future.kind === "unknown") check(JSON.stringify(future.raw) === '{"type":"future.event","x":[1,2]}', "raw");

// Invalid: the DecodeError Python raises, with its path and event type.
const update = validateClientEvent({
  type: "session.update",
  session: { type: "realtime", audio: { input: { format: { type: "audio/pcm", rate: "24k" } } } },
});
check(update.kind === "invalid", "a wrong rate is invalid");
if (update.kind === "invalid") {
  const error: DecodeError = update.error;
  check(error instanceof DecodeError && error instanceof Error, "a DecodeError");
  check(error.path === "$.session.audio.input.format.rate", `its path: ${error.path}`);
  check(error.eventType === "session.update", "its event type");
  check(error.message.startsWith("invalid session.update event at $.session"), error.message);
}
for (const [frame, path] of [
  ["{not json", "$"],
  ["[]", "$"],
  ['{"audio":"AAAA"}', "$.type"],
  ['{"type":"input_audio_buffer.append","audio":"\\ud800"}', "$"],
  ['{"type":"input_audio_buffer.append","audio":"AAA"}', "$.audio"],
  ['{"type":"input_audio_buffer.append","audio":NaN}', "$"],
] as const) {
  const judged = validateClientEvent(frame);
  check(judged.kind === "invalid" && judged.error.path === path, `${frame} fails at ${path}`);
}
// Hostile input is a verdict, never an exception: 100,000 levels in a free-form field.
const deep = "[".repeat(100_000) + "]".repeat(100_000);
const tools = `[{"type":"function","name":"f","parameters":{"a":${deep}}}]`;
const nested = validateClientEvent(`{"type":"session.update","session":{"type":"realtime","tools":${tools}}}`);
check(nested.kind === "invalid", "deep nesting is invalid, not a crash");
check(validateServerEvent(new Uint8Array([0x7b, 0xff, 0x7d])).kind === "invalid", "bytes that are not UTF-8");

// The event-type lists, typed as the schema's type strings.
const firstClient: ClientEventType | undefined = CLIENT_EVENT_TYPES[0];
check(firstClient !== undefined && CLIENT_EVENT_TYPES.includes("session.update"), "client types");
check(SERVER_EVENT_TYPES.includes("response.output_audio.delta"), "server types");
check(new Set<string>(SERVER_EVENT_TYPES).size === SERVER_EVENT_TYPES.length, "no repeats");
const mapped: keyof ServerEventMap = SERVER_EVENT_TYPES[0] ?? "error";
check(typeof mapped === "string" && PROTOCOL === "ga" && /^\d+\.\d+\.\d+/.test(SCHEMA_VERSION), "constants");
// @ts-expect-error: not a client event type
const wrong: ClientEventType = "response.output_audio.delta";
void wrong;

// peekType routes without validating; undefined where Python's peek_type raises.
check(peekType(delta) === "response.output_audio.delta", "peekType");
check(peekType('{"type":7}') === undefined && peekType("nope") === undefined, "peekType refuses");
check(beta.peekType === peekType, "one peekType");

// Every entry point: beta and translation too.
check(beta.PROTOCOL === "beta" && beta.SERVER_EVENT_TYPES.includes("response.audio.delta"), "beta");
const legacy = beta.validateServerEvent('{"type":"response.audio.delta","event_id":"e"}');
check(legacy.kind === "invalid" && legacy.error.eventType === "response.audio.delta", "beta error");
check(translation.CLIENT_EVENT_TYPES.includes("session.input_audio_buffer.append"), "translation");

// The bundle and the event index, for other tools.
check(bundle.version === SCHEMA_VERSION && bundle.$id.endsWith("/ga.schema.json"), "the bundle");
check(index.events.filter((e) => e.direction === "server").length === SERVER_EVENT_TYPES.length, "index");

console.log(JSON.stringify({ checks }));
