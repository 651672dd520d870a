import { expect, nextFrame } from '@open-wc/testing';
import { FrameScheduler } from '../../src/ui/frame';

describe('FrameScheduler', () => {
  it('runs the task once in the next frame however often it was scheduled', async () => {
    // Arrange
    let runs = 0;
    const frames = new FrameScheduler(() => runs++);
    // Act
    for (let i = 0; i < 5; i++) frames.schedule();
    const beforeFrame = runs;
    await nextFrame();
    await nextFrame();
    // Assert
    expect(beforeFrame).to.equal(0);
    expect(runs).to.equal(1);
  });

  it('runs again when scheduled after a run', async () => {
    // Arrange
    let runs = 0;
    const frames = new FrameScheduler(() => runs++);
    frames.schedule();
    await nextFrame();
    await nextFrame();
    // Act
    frames.schedule();
    await nextFrame();
    await nextFrame();
    // Assert
    expect(runs).to.equal(2);
  });

  it('does not run a cancelled task, and can be scheduled again afterwards', async () => {
    // Arrange
    let runs = 0;
    const frames = new FrameScheduler(() => runs++);
    frames.schedule();
    // Act
    frames.cancel();
    await nextFrame();
    await nextFrame();
    const afterCancel = runs;
    frames.schedule();
    await nextFrame();
    await nextFrame();
    // Assert
    expect(afterCancel).to.equal(0);
    expect(runs).to.equal(1);
  });
});
