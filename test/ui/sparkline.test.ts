import { expect } from '@open-wc/testing';
import { sparklinePath } from '../../src/ui/sparkline';

describe('sparklinePath', () => {
  it('draws nothing for an empty or all-gap series', () => {
    // Arrange
    const times = [1, 2, 3];
    const values = [NaN, NaN, NaN];
    // Act
    const geometry = sparklinePath(times, values, 100, 20);
    // Assert
    expect(geometry.d).to.equal('');
    expect(geometry.points).to.equal(0);
  });

  it('scales the lowest value to the bottom and the highest to the top', () => {
    const geometry = sparklinePath([0, 10], [5, 15], 100, 20, 0);
    expect(geometry.d).to.equal('M0.0,20.0L100.0,0.0');
    expect(geometry.min).to.equal(5);
    expect(geometry.max).to.equal(15);
  });

  it('breaks the line at a gap instead of drawing the gap as zero', () => {
    const geometry = sparklinePath([0, 1, 2, 3], [1, NaN, 2, 3], 30, 10, 0);
    const moves = geometry.d.match(/M/g) ?? [];
    expect(moves.length).to.equal(2);
    expect(geometry.min).to.equal(1);
  });

  it('keeps at most two points per pixel and still shows a one-sample spike', () => {
    // Arrange: 100,000 samples of 1 with a single spike to 50, drawn 100 px wide.
    const n = 100_000;
    const times = new Float64Array(n).map((_, i) => i);
    const values = new Float64Array(n).fill(1);
    values[54_321] = 50;
    // Act
    const geometry = sparklinePath(times, values, 100, 20, 0);
    // Assert
    expect(geometry.points).to.be.at.most(2 * 101);
    expect(geometry.max).to.equal(50);
    expect(geometry.d).to.contain(',0.0'); // the spike reaches the top edge
  });
});
