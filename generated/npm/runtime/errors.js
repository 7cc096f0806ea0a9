// Hand-written, not generated: `make generate` never writes runtime/ (generated/README.md).

/**
 * A frame that is not a valid event: bad JSON, a wrong field type, a missing field, no `type`.
 * `path` is the JSON path of the fault (`$` is the whole frame), the one Python's DecodeError
 * names; `eventType` the frame's `type` when it is a known one; `reason` the fault itself.
 */
export class DecodeError extends Error {
  constructor(reason, { path = "$", eventType = null } = {}) {
    super(`invalid ${eventType ? `${eventType} event` : "frame"} at ${path}: ${reason}`);
    this.name = "DecodeError";
    this.reason = reason;
    this.path = path;
    this.eventType = eventType;
  }
}
