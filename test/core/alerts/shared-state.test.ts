import { expect } from '@open-wc/testing';
import { covers, emptyShared, episodeOf, mergeShared, pruneShared, readShared, SHARED_LIMITS, type SharedAlertState } from '../../../src/core/alerts/shared-state';

const T = Date.UTC(2026, 10, 30, 3);

function doc(change: Partial<Omit<SharedAlertState, 'v'>>): SharedAlertState {
  return { ...emptyShared(), ...change };
}

describe('shared alert state', () => {
  it('merges concurrent decisions of two devices instead of keeping the last writer', () => {
    // Arrange: the phone acks cpu, the tablet snoozes disk, at the same moment.
    const phone = doc({ acks: { 's|cpu': { episode: 1, acked: true, at: T, device: 'phone', by: 'Ann' } } });
    const tablet = doc({ snoozes: { 's|disk': { until: T + 3_600_000, at: T, device: 'tablet' } } });
    // Act
    const merged = mergeShared(phone, tablet);
    // Assert
    expect(Object.keys(merged.acks)).to.deep.equal(['s|cpu']);
    expect(Object.keys(merged.snoozes)).to.deep.equal(['s|disk']);
  });

  it('keeps the later decision on the same register, whatever order the documents arrive in', () => {
    // Arrange
    const acked = doc({ acks: { k: { episode: 1, acked: true, at: T, device: 'a' } } });
    const unacked = doc({ acks: { k: { episode: 1, acked: false, at: T + 1, device: 'b' } } });
    // Act
    const ab = mergeShared(acked, unacked);
    const ba = mergeShared(unacked, acked);
    // Assert
    expect(ab.acks.k.acked).to.equal(false);
    expect(ba).to.deep.equal(ab);
    expect(mergeShared(ab, ab)).to.deep.equal(ab);
  });

  it('breaks a tie of equal times by device id, so every device settles on the same entry', () => {
    // Arrange
    const a = doc({ snoozes: { k: { until: 1, at: T, device: 'a' } } });
    const b = doc({ snoozes: { k: { until: 2, at: T, device: 'b' } } });
    // Act / Assert
    expect(mergeShared(a, b).snoozes.k.device).to.equal('b');
    expect(mergeShared(b, a).snoozes.k.device).to.equal('b');
  });

  it('says whether a document already holds everything another one knows', () => {
    // Arrange
    const old = doc({ acks: { k: { episode: 1, acked: true, at: T, device: 'a' } } });
    const newer = mergeShared(old, doc({ sent: { i: { service: 'notify.x', alertKey: 'r/e', at: T, device: 'a' } } }));
    // Act / Assert
    expect(covers(newer, old)).to.equal(true);
    expect(covers(old, newer)).to.equal(false);
  });

  it('drops malformed entries from a received document and counts them, never throwing', () => {
    // Arrange
    const input = JSON.parse(
      JSON.stringify({
        v: 1,
        acks: { ok: { episode: 1, acked: true, at: T, device: 'a' }, bad: { episode: 'x', acked: true, at: T, device: 'a' }, nul: null },
        snoozes: [],
        silences: { s: { silence: { id: 's', matchers: [{ name: 'entity', value: 'x' }], startsAt: 0, endsAt: 1 }, removed: false, at: T, device: 'a' } },
        sent: { i: { service: 'notify.x', alertKey: 'k', at: Infinity, device: 'a' } },
      }),
    );
    // Act
    const { state, dropped } = readShared(input);
    // Assert
    expect(Object.keys(state.acks)).to.deep.equal(['ok']);
    expect(Object.keys(state.silences)).to.deep.equal(['s']);
    expect(Object.keys(state.sent)).to.deep.equal([]);
    expect(dropped).to.equal(4);
    for (const junk of [null, 3, 'x', [], { v: 2 }, { v: 1, acks: { __proto__: { episode: 1 } } }]) expect(() => readShared(junk)).not.to.throw();
  });

  it('forgets ended snoozes, old acks and sends, and keeps the newest entries within the limits', () => {
    // Arrange
    const many: SharedAlertState['sent'] = {};
    for (let k = 0; k < SHARED_LIMITS.sent + 50; k++) many[`i${k}`] = { service: 'notify.x', alertKey: 'k', at: T - k, device: 'a' };
    const state = doc({
      sent: many,
      snoozes: { ended: { until: T - 2 * 86_400_000, at: T - 3 * 86_400_000, device: 'a' }, running: { until: T + 1, at: T, device: 'a' } },
      acks: { old: { episode: 1, acked: true, at: T - 8 * 86_400_000, device: 'a' } },
    });
    // Act
    const pruned = pruneShared(state, T);
    // Assert
    expect(Object.keys(pruned.sent)).to.have.length(SHARED_LIMITS.sent);
    expect(pruned.sent.i0).to.not.equal(undefined);
    expect(Object.keys(pruned.snoozes)).to.deep.equal(['running']);
    expect(Object.keys(pruned.acks)).to.deep.equal([]);
  });

  it('names an episode by its pending start, else its firing start', () => {
    expect(episodeOf({ activeAt: 5, firedAt: 9 })).to.equal(5);
    expect(episodeOf({ firedAt: 9 })).to.equal(9);
    expect(episodeOf({})).to.equal(undefined);
  });
});
