/**
 * Who this browser is: an id (for the notification claim, `notify/claim.ts`) and a human name
 * (for the sensors the UX card reports), both kept in this browser's localStorage and shared by
 * its tabs. A dashboard's config is the same on every device that opens it, so anything that
 * must tell devices apart comes from here, never from the YAML.
 */
import { slug } from './slug';

export type DeviceStorage = Pick<Storage, 'getItem' | 'setItem'>;

export const DEVICE_ID_KEY = 'ha-vitals:device-id';
export const DEVICE_NAME_KEY = 'ha-vitals:device-name';
export const DEVICE_NAME_MAX = 40;

/** Event on `window` when this page renames the browser (other tabs see a `storage` event). */
const RENAMED = 'ha-vitals-device-name';

/** `localStorage`, or undefined where it is missing or refused (storage disabled, sandboxed frames). */
export function browserStorage(): DeviceStorage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}

function read(storage: DeviceStorage | undefined, key: string): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function write(storage: DeviceStorage | undefined, key: string, value: string): void {
  try {
    storage?.setItem(key, value);
  } catch {
    // Private mode or a full quota: the value lives for this page only.
  }
}

const randomId = () => Math.random().toString(36).slice(2, 12);

/** This browser's device id (`dev-…`), made once and shared by its tabs. Without a storage: a fresh id each call. */
export function browserDeviceId(storage: DeviceStorage | undefined, random: () => string = randomId): string {
  const known = read(storage, DEVICE_ID_KEY);
  if (known) return known;
  const id = `dev-${random()}`;
  write(storage, DEVICE_ID_KEY, id);
  return id;
}

const BROWSERS: [RegExp, string][] = [
  [/Home ?Assistant\//i, 'HA app'],
  [/SamsungBrowser\//, 'Samsung Internet'],
  [/Edg(e|A|iOS)?\//, 'Edge'],
  [/OPR\/|Opera/, 'Opera'],
  [/Firefox\/|FxiOS\//, 'Firefox'],
  [/Chrome\/|CriOS\/|Chromium\//, 'Chrome'],
  [/Safari\//, 'Safari'],
];

const SYSTEMS: [RegExp, string][] = [
  [/iPad/, 'iPad'],
  [/iPhone|iPod/, 'iPhone'],
  [/Android/, 'Android'],
  [/CrOS/, 'ChromeOS'],
  [/Windows/, 'Windows'],
  [/Macintosh|Mac OS X/, 'Mac'],
  [/Linux|X11/, 'Linux'],
];

/**
 * A name for a browser from its user agent and id: "Chrome on Android 3f2a", "Safari on iPad 9k1x".
 * The suffix (the id's last 4 characters) tells two identical tablets apart.
 */
export function defaultDeviceName(userAgent: string, id: string): string {
  const browser = BROWSERS.find(([re]) => re.test(userAgent))?.[1];
  const system = SYSTEMS.find(([re]) => re.test(userAgent))?.[1];
  const what = browser && system ? `${browser} on ${system}` : (browser ?? system ?? 'Browser');
  const suffix = id.replace(/^dev-/, '').toLowerCase().replace(/[^a-z0-9]/g, '').slice(-4);
  return `${what} ${suffix}`.trim();
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9 _.-]*$/;

/** Why `name` cannot name a browser, or undefined when it can. */
export function deviceNameProblem(name: string): string | undefined {
  const trimmed = typeof name === 'string' ? name.trim() : '';
  if (trimmed.length >= 1 && trimmed.length <= DEVICE_NAME_MAX && NAME.test(trimmed)) return undefined;
  return `device name: expected 1 to ${DEVICE_NAME_MAX} letters, digits, spaces, "_", "-" or ".", starting with a letter or digit, got ${JSON.stringify(name)}`;
}

/**
 * This browser's name: the one a user gave it (`setBrowserDeviceName`), else a default from the
 * user agent, kept so that it stays the same when the browser updates.
 */
export function browserDeviceName(
  storage: DeviceStorage | undefined = browserStorage(),
  userAgent: string = globalThis.navigator?.userAgent ?? '',
  random: () => string = randomId,
): string {
  const known = read(storage, DEVICE_NAME_KEY);
  if (known && deviceNameProblem(known) === undefined) return known.trim();
  const name = defaultDeviceName(userAgent, browserDeviceId(storage, random));
  write(storage, DEVICE_NAME_KEY, name);
  return name;
}

/** The object-id form of this browser's name (`chrome_on_android_3f2a`), as sensor ids use it. */
export function browserDeviceSlug(storage: DeviceStorage | undefined = browserStorage(), userAgent?: string): string {
  return slug(browserDeviceName(storage, userAgent));
}

/** Rename this browser. Throws (naming the problem) for an invalid name; returns the stored name. */
export function setBrowserDeviceName(name: string, storage: DeviceStorage | undefined = browserStorage()): string {
  const problem = deviceNameProblem(name);
  if (problem) throw new Error(problem);
  const trimmed = name.trim();
  write(storage, DEVICE_NAME_KEY, trimmed);
  globalThis.dispatchEvent?.(new CustomEvent(RENAMED, { detail: trimmed }));
  return trimmed;
}

/** Call `listener` when this browser is renamed, in this tab or another one. Returns the unsubscribe. */
export function onBrowserDeviceNameChange(listener: (name: string) => void): () => void {
  const own = (event: Event) => listener(String((event as CustomEvent).detail));
  const other = (event: StorageEvent) => {
    if (event.key === DEVICE_NAME_KEY && event.newValue && deviceNameProblem(event.newValue) === undefined) listener(event.newValue.trim());
  };
  globalThis.addEventListener?.(RENAMED, own);
  globalThis.addEventListener?.('storage', other);
  return () => {
    globalThis.removeEventListener?.(RENAMED, own);
    globalThis.removeEventListener?.('storage', other);
  };
}
