// The npm package's verdict on each frame, in one process, run in a project that installed it.
// stdin: JSON Lines {"protocol", "direction", "frame": base64 of the frame's bytes}
// stdout: JSON Lines {"verdict": "event"|"unknown"|"invalid", "type", "path", "event_type", "peek",
// "reason"}
// (`peek`: what peekType says of the frame)
import { createInterface } from "node:readline";

const modules = {};
const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
const out = [];
for await (const line of lines) {
  if (!line) continue;
  const { protocol, direction, frame } = JSON.parse(line);
  modules[protocol] ??= await import(`realtime-schema/${protocol}`);
  const validate = direction === "server" ? "validateServerEvent" : "validateClientEvent";
  const bytes = Buffer.from(frame, "base64");
  const verdict = modules[protocol][validate](bytes);
  const peek = modules[protocol].peekType(bytes) ?? null;
  if (verdict.kind === "event") out.push({ verdict: "event", type: verdict.event.type, peek });
  else if (verdict.kind === "unknown") out.push({ verdict: "unknown", type: verdict.type, peek });
  else {
    const { path, eventType, reason } = verdict.error;
    out.push({ verdict: "invalid", path, event_type: eventType, peek, reason });
  }
}
process.stdout.write(out.map((v) => JSON.stringify(v)).join("\n") + "\n");
