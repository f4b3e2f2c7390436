import { uuidv7 } from "../../core/ids.js";

/** What a client may send as its x-request-id: short, and nothing that could pass for markup, a log field or a path. */
export const CLIENT_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * The id of a request, logged and stored with its audit events: the client's x-request-id when
 * it is well-formed (so a trace crosses a proxy), otherwise one of our own.
 */
export function requestIdFor(header: string | string[] | undefined): string {
  return typeof header === "string" && CLIENT_REQUEST_ID.test(header) ? header : uuidv7();
}
