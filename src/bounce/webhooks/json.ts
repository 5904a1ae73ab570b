/**
 * Reading hostile JSON: payload fields are looked up as own properties only, so "__proto__",
 * "constructor" or "toString" in a payload can never resolve to something inherited, and every value
 * is checked for its type before use.
 */

export type Json = null | boolean | number | string | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function own(obj: JsonObject, key: string): Json | undefined {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}

/** The string at `key`, or null when it is missing or not a string. */
export function stringAt(obj: JsonObject, key: string): string | null {
  const v = own(obj, key);
  return typeof v === "string" ? v : null;
}

/** The number at `key`, or null when it is missing or not a finite number. */
export function numberAt(obj: JsonObject, key: string): number | null {
  const v = own(obj, key);
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

/** The object at `key`, or null. */
export function objectAt(obj: JsonObject, key: string): JsonObject | null {
  const v = own(obj, key);
  return isJsonObject(v) ? v : null;
}

/** The array at `key`, or an empty array when it is missing or not an array. */
export function arrayAt(obj: JsonObject, key: string): Json[] {
  const v = own(obj, key);
  return Array.isArray(v) ? v : [];
}

/** True when the key is present with any value but null (SNS omits an absent Subject, some tools send null). */
export function hasValue(obj: JsonObject, key: string): boolean {
  const v = own(obj, key);
  return v !== undefined && v !== null;
}
