// Hand-written, not generated: `make generate` never writes runtime/ (generated/README.md).

/**
 * A frame that is not a valid event: bad JSON, a wrong field type, a missing field, no `type`.
 * Returned in an {@link InvalidVerdict}, never thrown by a validator.
 */
export declare class DecodeError extends Error {
  constructor(reason: string, options?: { path?: string; eventType?: string | null });
  readonly name: "DecodeError";
  /** The fault, without its location. */
  readonly reason: string;
  /** The JSON path of the fault, as Python names it: `$.session.audio.input.format.rate`. */
  readonly path: string;
  /** The frame's `type`, when it is an event type of the protocol; otherwise null. */
  readonly eventType: string | null;
}

/** A valid event, typed by its `type`. */
export interface EventVerdict<E> {
  readonly kind: "event";
  readonly event: E;
}

/** A well-formed frame of a type the protocol does not define: carry it, do not fail. */
export interface UnknownVerdict {
  readonly kind: "unknown";
  readonly type: string;
  readonly raw: { readonly type: string; readonly [field: string]: unknown };
}

/** Not a valid event: `error` names the first fault in document order, as Python does. */
export interface InvalidVerdict {
  readonly kind: "invalid";
  readonly error: DecodeError;
}

/** What a validator says about a frame, told apart by `kind`. */
export type Verdict<E> = EventVerdict<E> | UnknownVerdict | InvalidVerdict;

/** The bundle's vendor keywords, which an ajv instance in strict mode must declare. */
export declare const EXTRA_KEYWORDS: readonly ["version", "x-direction"];

/**
 * The frame's `type` (text, UTF-8 bytes or a parsed value), for routing without validating;
 * undefined when it is not a JSON object with a string `type`.
 */
export declare function peekType(frame: unknown): string | undefined;

/** A protocol's validators from its bundle and event index; each entry point calls this. */
export declare function createProtocol(
  bundle: object,
  index: { events: ReadonlyArray<{ type: string; direction: "client" | "server"; $ref: string }> },
): {
  readonly clientEventTypes: readonly string[];
  readonly serverEventTypes: readonly string[];
  validateClientEvent(frame: unknown): Verdict<unknown>;
  validateServerEvent(frame: unknown): Verdict<unknown>;
};
