/**
 * Where a notification's `tag` goes. Home Assistant's notify services take only `message`,
 * `title`, `target` and `data` (anything else: "extra keys not allowed"); the companion apps read
 * the tag that replaces an earlier notification from `data.tag`. So the tag lives in the service
 * data's `data` mapping, next to whatever platform data a tier sets there.
 */
type ServiceData = Record<string, unknown>;

const isMapping = (value: unknown): value is ServiceData => !!value && typeof value === 'object' && !Array.isArray(value);

/** The tag of notify service data, if it has one. */
export function notifyTagOf(data: ServiceData): unknown {
  return isMapping(data.data) ? data.data.tag : undefined;
}

/** `data` with `tag` under `data.data` (kept when the tier set one itself, unless `replace`). */
export function withNotifyTag(data: ServiceData, tag: string, replace = false): ServiceData {
  const inner: ServiceData = isMapping(data.data) ? { ...data.data } : {};
  if (replace || inner.tag === undefined) inner.tag = tag;
  return { ...data, data: inner };
}
