import { expect } from '@open-wc/testing';
import { clampView, panView, zoomView } from '../../../src/ui/chart/zoom';

const bounds = { min: 0, max: 1000_000 };

describe('ui/chart/zoom', () => {
  it('zooms around the anchor, keeping it at the same relative position', () => {
    const view = zoomView(bounds, 0.5, 250_000, bounds)!;
    expect(view).to.deep.equal({ min: 125_000, max: 625_000 });
  });

  it('returns undefined (live view) when zooming out to the whole window', () => {
    expect(zoomView({ min: 0, max: 600_000 }, 2, 300_000, bounds)).to.equal(undefined);
  });

  it('never zooms below the minimum span and stays inside the bounds', () => {
    const view = zoomView({ min: 900_000, max: 1000_000 }, 0.01, 999_999, bounds, 60_000)!;
    expect(view.max - view.min).to.equal(60_000);
    expect(view.max).to.be.at.most(bounds.max);
  });

  it('pans and clamps at the edges', () => {
    expect(panView({ min: 100_000, max: 200_000 }, -50_000, bounds)).to.deep.equal({ min: 50_000, max: 150_000 });
    expect(panView({ min: 100_000, max: 200_000 }, -500_000, bounds)).to.deep.equal({ min: 0, max: 100_000 });
    expect(panView({ min: 800_000, max: 900_000 }, 500_000, bounds)).to.deep.equal({ min: 900_000, max: 1000_000 });
  });

  it('clamps a view wider than the bounds to the bounds', () => {
    expect(clampView({ min: -5, max: 2000_000 }, bounds)).to.deep.equal(bounds);
  });
});
