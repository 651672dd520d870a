import { expect } from '@open-wc/testing';
import {
  DEVICE_ID_KEY,
  DEVICE_NAME_KEY,
  browserDeviceId,
  browserDeviceName,
  browserDeviceSlug,
  defaultDeviceName,
  deviceNameProblem,
  onBrowserDeviceNameChange,
  setBrowserDeviceName,
} from '../../src/ha/device-identity';

const memoryStorage = () => {
  const map = new Map<string, string>();
  return { map, getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v) };
};

const UA = {
  chromeAndroid: 'Mozilla/5.0 (Linux; Android 13; SM-X200) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  safariIpad: 'Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  safariIphone: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  firefoxLinux: 'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0',
  edgeWindows: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.51',
  safariMac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  haAppAndroid: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36 Home Assistant/2024.4.1-12345 (Android 14; Pixel 8)',
  samsung: 'Mozilla/5.0 (Linux; Android 13; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/117.0.0.0 Mobile Safari/537.36',
  chromeOs: 'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  unknown: 'curl/8.0',
};

describe('device-identity', () => {
  describe('browserDeviceId', () => {
    it('makes an id once, under ha-vitals:device-id, and returns the same one after', () => {
      // Arrange
      const storage = memoryStorage();
      // Act
      const first = browserDeviceId(storage, () => 'abc');
      const second = browserDeviceId(storage, () => 'zzz');
      // Assert
      expect(first).to.equal('dev-abc');
      expect(second).to.equal('dev-abc');
      expect(storage.map.get(DEVICE_ID_KEY)).to.equal('dev-abc');
      expect(DEVICE_ID_KEY).to.equal('ha-vitals:device-id');
    });

    it('without a storage makes a fresh id each time', () => {
      expect(browserDeviceId(undefined, () => 'q')).to.equal('dev-q');
    });

    it('still answers when the storage throws (Safari private mode, storage disabled)', () => {
      // Arrange
      const broken = {
        getItem: (): string | null => {
          throw new Error('SecurityError');
        },
        setItem: () => {
          throw new Error('QuotaExceededError');
        },
      };
      // Act
      const id = browserDeviceId(broken, () => 'x1');
      const name = browserDeviceName(broken, UA.firefoxLinux, () => 'x1');
      // Assert
      expect(id).to.equal('dev-x1');
      expect(name).to.equal('Firefox on Linux x1');
    });
  });

  describe('defaultDeviceName', () => {
    const cases: [string, string][] = [
      [UA.chromeAndroid, 'Chrome on Android'],
      [UA.safariIpad, 'Safari on iPad'],
      [UA.safariIphone, 'Safari on iPhone'],
      [UA.firefoxLinux, 'Firefox on Linux'],
      [UA.edgeWindows, 'Edge on Windows'],
      [UA.safariMac, 'Safari on Mac'],
      [UA.haAppAndroid, 'HA app on Android'],
      [UA.samsung, 'Samsung Internet on Android'],
      [UA.chromeOs, 'Chrome on ChromeOS'],
      [UA.unknown, 'Browser'],
    ];
    for (const [ua, expected] of cases) {
      it(`names ${expected} with a short suffix from the id`, () => {
        // Act
        const name = defaultDeviceName(ua, 'dev-k3j9x2p4q8');
        // Assert
        expect(name).to.equal(`${expected} p4q8`);
        expect(deviceNameProblem(name)).to.equal(undefined);
      });
    }
  });

  describe('browserDeviceName', () => {
    it('defaults to the user agent plus a suffix of the id and keeps it under ha-vitals:device-name', () => {
      // Arrange
      const storage = memoryStorage();
      // Act
      const name = browserDeviceName(storage, UA.chromeAndroid, () => 'a1b2c3d4e5');
      const again = browserDeviceName(storage, UA.firefoxLinux, () => 'zzzzzzzzzz');
      // Assert
      expect(name).to.equal('Chrome on Android d4e5');
      expect(again).to.equal(name);
      expect(storage.map.get(DEVICE_NAME_KEY)).to.equal(name);
      expect(storage.map.get(DEVICE_ID_KEY)).to.equal('dev-a1b2c3d4e5');
    });

    it('gives two identical tablets two different names and so two different sensor ids', () => {
      // Arrange
      const kitchen = memoryStorage();
      const hall = memoryStorage();
      // Act
      const a = browserDeviceSlug(kitchen, UA.chromeAndroid);
      const b = browserDeviceSlug(hall, UA.chromeAndroid);
      // Assert
      expect(a).to.match(/^chrome_on_android_[a-z0-9]{4}$/);
      expect(b).to.match(/^chrome_on_android_[a-z0-9]{4}$/);
      expect(a).to.not.equal(b);
    });

    it('ignores a stored name that is not valid (edited by hand) and uses the default', () => {
      // Arrange
      const storage = memoryStorage();
      storage.map.set(DEVICE_ID_KEY, 'dev-0000001234');
      storage.map.set(DEVICE_NAME_KEY, '<img src=x>');
      // Act
      const name = browserDeviceName(storage, UA.firefoxLinux);
      // Assert
      expect(name).to.equal('Firefox on Linux 1234');
    });
  });

  describe('setBrowserDeviceName', () => {
    it('stores a valid name, trimmed, and tells the listeners', () => {
      // Arrange
      const storage = memoryStorage();
      const heard: string[] = [];
      const stop = onBrowserDeviceNameChange((name) => heard.push(name));
      // Act
      const stored = setBrowserDeviceName('  Kitchen tablet ', storage);
      stop();
      setBrowserDeviceName('Hall', storage);
      // Assert
      expect(stored).to.equal('Kitchen tablet');
      expect(browserDeviceName(storage, UA.chromeAndroid)).to.equal('Hall');
      expect(browserDeviceSlug(storage, UA.chromeAndroid)).to.equal('hall');
      expect(heard).to.deep.equal(['Kitchen tablet']);
    });

    const bad = ['', '   ', 'x'.repeat(41), 'a/b', '<b>', 'tablet;drop', '-lead', 'Küche', 'tab\nlet'];
    for (const name of bad) {
      it(`refuses ${JSON.stringify(name)} with a message and leaves the name as it was`, () => {
        // Arrange
        const storage = memoryStorage();
        setBrowserDeviceName('Hall', storage);
        // Act
        const act = () => setBrowserDeviceName(name, storage);
        // Assert
        expect(act).to.throw(/device name: expected 1 to 40 letters, digits, spaces, "_", "-" or "\.", starting with a letter or digit/);
        expect(deviceNameProblem(name)).to.be.a('string');
        expect(browserDeviceName(storage)).to.equal('Hall');
      });
    }

    it('accepts 40 characters', () => {
      expect(setBrowserDeviceName('x'.repeat(40), memoryStorage())).to.have.length(40);
    });
  });
});
