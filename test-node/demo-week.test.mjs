// The demo's lived-in fortnight (scripts/demo/week.mjs): the story it promises is in the numbers
// it generates, for any "now" and seed, and the same seed gives the same numbers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DAY, HOUR, MINUTE, SENSORS, generateWeek, periodStatistics, recordedStates, storyEvents, storyLevel } from '../scripts/demo/week.mjs';

// A Thursday afternoon and a Monday morning, local time (the story runs in local time).
const THURSDAY = new Date(2026, 10, 26, 15, 20, 7).getTime();
const MONDAY = new Date(2026, 10, 30, 9, 5, 0).getTime();

/** Values of a series with from ≤ t < to. */
function between({ times, values }, from, to) {
  const out = [];
  for (let i = 0; i < times.length; i++) if (times[i] >= from && times[i] < to) out.push(values[i]);
  return out;
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const weekCache = new Map();
/** generateWeek is deterministic: each (now, seed) is generated once for all tests. */
function week(now, seed = 7) {
  const key = `${now}/${seed}`;
  if (!weekCache.has(key)) weekCache.set(key, generateWeek({ now, seed }));
  return weekCache.get(key);
}

test('every sensor has readings over the whole fortnight up to now, in time order', () => {
  // Arrange
  const now = THURSDAY;
  // Act
  const w = week(now);
  // Assert
  assert.deepEqual(Object.keys(w.series).sort(), Object.keys(SENSORS).sort());
  for (const [id, { times, values }] of Object.entries(w.series)) {
    assert.equal(times.length, values.length, id);
    assert.ok(times[0] <= now - 7 * DAY, `${id} starts ${((now - times[0]) / DAY).toFixed(2)} d before now`);
    assert.ok(times.at(-1) <= now && times.at(-1) > now - 2 * MINUTE, `${id} ends ${now - times.at(-1)} ms before now`);
    for (let i = 1; i < times.length; i++) assert.ok(times[i] > times[i - 1], `${id}: times ascend at ${i}`);
    assert.ok(values.every(Number.isFinite), `${id}: every value is a number`);
  }
});

test('the last two hours are as dense as the live generator, the rest one reading a minute', () => {
  // Arrange
  const now = MONDAY;
  // Act
  const { times } = week(now).series['sensor.demo_cpu_percent'];
  // Assert
  const recent = times.filter((t) => t > now - HOUR);
  const older = times.filter((t) => t > now - 3 * DAY && t <= now - 2 * DAY);
  assert.ok(recent.length >= 600, `${recent.length} readings in the last hour`);
  assert.ok(Math.abs(older.length - 1440) <= 2, `${older.length} readings in an older day`);
});

test('Assist got slower on Tuesday: speech-to-text, intent and the LLM, not text-to-speech', () => {
  for (const now of [THURSDAY, MONDAY]) {
    // Arrange
    const w = week(now);
    const at = w.events.assistSlowdown;
    const before = (id) => median(between(w.series[id], at - 24 * HOUR, at));
    const after = (id) => median(between(w.series[id], at, at + 24 * HOUR));
    // Act
    const ratio = (id) => after(id) / before(id);
    // Assert
    assert.equal(new Date(at).getDay(), 2, 'a Tuesday');
    assert.ok(at < now && at > now - 7 * DAY - HOUR, 'within the week shown');
    assert.ok(ratio('sensor.demo_assist_stt_ms') > 1.4, `speech-to-text x${ratio('sensor.demo_assist_stt_ms').toFixed(2)}`);
    assert.ok(ratio('sensor.demo_assist_intent_ms') > 1.3, `intent x${ratio('sensor.demo_assist_intent_ms').toFixed(2)}`);
    assert.ok(ratio('sensor.demo_llm_response_s') > 1.25, `LLM x${ratio('sensor.demo_llm_response_s').toFixed(2)}`);
    assert.ok(ratio('sensor.demo_llm_tokens_per_second') < 0.8, `tokens/s x${ratio('sensor.demo_llm_tokens_per_second').toFixed(2)}`);
    assert.ok(Math.abs(ratio('sensor.demo_assist_tts_ms') - 1) < 0.1, `text-to-speech x${ratio('sensor.demo_assist_tts_ms').toFixed(2)}`);
  }
});

test('the slowdown falls on the most recent Tuesday, whatever day it is now', () => {
  for (let d = 0; d < 7; d++) {
    // Arrange
    const now = MONDAY + d * DAY;
    // Act
    const at = storyEvents(now).assistSlowdown;
    // Assert
    assert.equal(new Date(at).getDay(), 2);
    assert.ok(now - at >= HOUR && now - at < 7 * DAY + HOUR, `${((now - at) / HOUR).toFixed(1)} h before now`);
  }
});

test('the disk only fills: never a reading lower than the one before, over 20 points in the fortnight', () => {
  // Arrange
  const { values } = week(THURSDAY).series['sensor.demo_disk_percent'];
  // Act
  const drops = values.filter((v, i) => i > 0 && v < values[i - 1]).length;
  // Assert
  assert.equal(drops, 0);
  assert.ok(values.at(-1) - values[0] > 20, `from ${values[0]} to ${values.at(-1)}`);
  assert.ok(values.at(-1) < 90, 'not full yet: the forecast has something to say');
});

test('the memory leak grew for days and its fix brought memory back down', () => {
  for (const now of [THURSDAY, MONDAY]) {
    // Arrange
    const w = week(now);
    const memory = w.series['sensor.demo_memory_percent'];
    const { leakStart, leakFix } = w.events;
    // Act
    const beforeLeak = median(between(memory, leakStart - 6 * HOUR, leakStart));
    const beforeFix = median(between(memory, leakFix - 2 * HOUR, leakFix));
    const afterFix = median(between(memory, leakFix, leakFix + 2 * HOUR));
    // Assert
    assert.ok(now - leakFix >= 24 * HOUR && now - leakFix < 48 * HOUR, 'fixed one to two days ago');
    assert.ok(beforeFix - beforeLeak > 20, `leak: ${beforeLeak} -> ${beforeFix}`);
    assert.ok(beforeFix - afterFix > 20, `fix: ${beforeFix} -> ${afterFix}`);
    assert.ok(Math.abs(afterFix - beforeLeak) < 4, `back to normal: ${afterFix} vs ${beforeLeak}`);
  }
});

test('two incidents: CPU saturation two days ago, and the wall tablet lag spike in the last hour', () => {
  // Arrange
  const w = week(THURSDAY);
  const { cpuIncident, lagSpike } = w.events;
  const cpu = w.series['sensor.demo_cpu_percent'];
  const rtt = w.series['sensor.ha_vitals_wall_tablet_ws_rtt_ms'];
  // Act
  const during = median(between(cpu, cpuIncident.start, cpuIncident.end));
  const dayBefore = median(between(cpu, cpuIncident.start - DAY, cpuIncident.end - DAY));
  const spike = median(between(rtt, lagSpike.start, lagSpike.end));
  const calm = median(between(rtt, lagSpike.start - 3 * HOUR, lagSpike.start - HOUR));
  // Assert
  assert.ok(during > 85 && dayBefore < 45, `CPU ${during} % during, ${dayBefore} % the day before`);
  assert.ok(THURSDAY - lagSpike.end < HOUR, 'the spike ended within the last hour');
  assert.ok(spike > 5 * calm, `round trip ${spike} ms during the spike, ${calm} ms before`);
});

test('daily cycle and weekend: evenings busier than nights, weekend days busier than weekdays', () => {
  // Arrange
  const w = week(MONDAY);
  const cpu = w.series['sensor.demo_cpu_percent'];
  const hourOf = (t) => new Date(t).getHours();
  const isWeekend = (t) => [0, 6].includes(new Date(t).getDay());
  const quiet = (t) => t < w.events.cpuIncident.start - HOUR || t > w.events.cpuIncident.end + HOUR;
  const mean = (pick) => {
    let sum = 0;
    let n = 0;
    for (let i = 0; i < cpu.times.length; i++) {
      if (cpu.times[i] > MONDAY - 7 * DAY && quiet(cpu.times[i]) && pick(cpu.times[i])) {
        sum += cpu.values[i];
        n++;
      }
    }
    return sum / n;
  };
  // Act
  const evening = mean((t) => hourOf(t) >= 19 && hourOf(t) < 22);
  const night = mean((t) => hourOf(t) >= 1 && hourOf(t) < 5);
  const weekendDay = mean((t) => isWeekend(t) && hourOf(t) >= 11 && hourOf(t) < 16);
  const weekday = mean((t) => !isWeekend(t) && hourOf(t) >= 11 && hourOf(t) < 16);
  // Assert
  assert.ok(evening > night + 10, `evening ${evening.toFixed(1)} %, night ${night.toFixed(1)} %`);
  assert.ok(weekendDay > weekday + 5, `weekend ${weekendDay.toFixed(1)} %, weekday ${weekday.toFixed(1)} %`);
});

test('the same seed gives the same fortnight; another seed other noise on the same story', () => {
  // Arrange
  const now = THURSDAY;
  // Act
  const a = week(now, 7);
  const b = generateWeek({ now, seed: 7 });
  const c = week(now, 8);
  // Assert
  assert.deepEqual(b.series, a.series);
  assert.deepEqual(c.events, a.events);
  assert.notDeepEqual(c.series['sensor.demo_cpu_percent'].values, a.series['sensor.demo_cpu_percent'].values);
});

test('after the story, its end state holds: still slower Assist, no leak, the disk keeps filling', () => {
  // Arrange
  const now = THURSDAY;
  const ev = storyEvents(now);
  const later = now + 3 * HOUR;
  // Act
  const stt = storyLevel('sensor.demo_assist_stt_ms', later, ev);
  const sttBefore = storyLevel('sensor.demo_assist_stt_ms', ev.assistSlowdown - DAY, ev);
  const memory = storyLevel('sensor.demo_memory_percent', later, ev);
  const memoryBeforeLeak = storyLevel('sensor.demo_memory_percent', ev.leakStart - DAY, ev);
  // Assert
  assert.ok(stt / sttBefore > 1.4);
  assert.ok(Math.abs(memory - memoryBeforeLeak) < 4);
  assert.ok(storyLevel('sensor.demo_disk_percent', later, ev) > storyLevel('sensor.demo_disk_percent', now, ev));
});

test('recorded states: one row per change, as the recorder writes them', () => {
  // Arrange
  const series = { times: [0, 1000, 2000, 3000, 4000], values: [1.234, 1.234, 1.236, 1.2, 1.2] };
  // Act
  const rows = recordedStates('sensor.demo_disk_percent', series);
  // Assert
  assert.deepEqual(rows.map(([t]) => t), [0, 2000, 3000]);
  assert.deepEqual(rows.map(([, s]) => s), ['1.23', '1.24', '1.20']);
});

test('period statistics: complete periods only, time-weighted mean of the value in force, min and max', () => {
  // Arrange: 10 until the middle of the second period, then 30
  const p = 300_000;
  const series = { times: [0, 1.5 * p], values: [10, 30] };
  // Act
  const rows = periodStatistics(series, p, 0, 2.9 * p);
  // Assert
  assert.equal(rows.length, 2);
  assert.deepEqual(rows[0], { start: 0, mean: 10, min: 10, max: 10 });
  assert.equal(rows[1].start, p);
  assert.equal(rows[1].mean, (10 + 30) / 2);
  assert.equal(rows[1].min, 10);
  assert.equal(rows[1].max, 30);
});

test('hourly statistics of the fortnight agree with its readings', () => {
  // Arrange
  const w = week(THURSDAY);
  const memory = w.series['sensor.demo_memory_percent'];
  // Act
  const rows = periodStatistics(memory, HOUR, w.start, w.anchor);
  // Assert
  assert.ok(rows.length >= 14 * 24 - 1 && rows.length <= 14 * 24);
  for (const r of rows) {
    assert.ok(r.min <= r.mean && r.mean <= r.max, `hour ${new Date(r.start).toISOString()}`);
    assert.equal(r.start % HOUR, 0);
  }
  const hourOfFix = rows.find((r) => r.start <= w.events.leakFix && w.events.leakFix < r.start + HOUR);
  assert.ok(hourOfFix.max - hourOfFix.min > 20, 'the fix shows within its hour');
});
