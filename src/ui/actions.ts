/**
 * Tap, hold and double tap on a value, a row or a legend entry, handed to Home Assistant exactly
 * as its own cards do: a `hass-action` event (handled by the frontend since 2023.6) carrying the
 * entity and the card's action config, so Home Assistant opens more-info (the default), navigates,
 * asks for confirmation, gives haptic feedback. Enter and Space tap from the keyboard.
 */
import { noChange } from 'lit';
import { Directive, directive, type ElementPart, type PartInfo, PartType } from 'lit/directive.js';
import type { ActionsConfig } from '../core/config/actions';

export type Gesture = 'tap' | 'hold' | 'double_tap';

/** Held this long, a press is a hold (Home Assistant's value). */
export const HOLD_MS = 500;
/** A second tap within this long is a double tap; only waited for when a double tap action exists. */
export const DOUBLE_TAP_MS = 250;

export interface ActionTarget extends ActionsConfig {
  entity?: string;
}

/** Fire the `hass-action` event Home Assistant's action handler listens to. */
export function fireAction(node: HTMLElement, target: ActionTarget, gesture: Gesture): void {
  const { entity, tap_action, hold_action, double_tap_action } = target;
  const config = { entity, tap_action, hold_action, double_tap_action };
  node.dispatchEvent(new CustomEvent('hass-action', { bubbles: true, composed: true, detail: { config, action: gesture } }));
}

/** Whether a gesture does something: `none` does nothing, and a missing tap/hold means more-info for an entity. */
export function hasAction(target: ActionTarget, gesture: Gesture): boolean {
  const config = gesture === 'tap' ? target.tap_action : gesture === 'hold' ? target.hold_action : target.double_tap_action;
  if (config) return config.action !== 'none';
  // Home Assistant runs more-info when a gesture has no config; we offer tap and hold that way.
  return gesture !== 'double_tap' && !!target.entity;
}

interface Bound {
  target: ActionTarget;
  holdTimer?: ReturnType<typeof setTimeout>;
  tapTimer?: ReturnType<typeof setTimeout>;
  held: boolean;
}

const bound = new WeakMap<HTMLElement, Bound>();

function attach(element: HTMLElement): Bound {
  const state: Bound = { target: {}, held: false };
  const clearHold = () => {
    if (state.holdTimer) clearTimeout(state.holdTimer);
    state.holdTimer = undefined;
  };
  element.addEventListener('pointerdown', (event) => {
    if (event.button !== 0) return;
    state.held = false;
    clearHold();
    if (!hasAction(state.target, 'hold')) return;
    state.holdTimer = setTimeout(() => {
      state.held = true;
      state.holdTimer = undefined;
      fireAction(element, state.target, 'hold');
    }, HOLD_MS);
  });
  element.addEventListener('pointercancel', clearHold);
  element.addEventListener('pointerleave', clearHold);
  element.addEventListener('click', (event) => {
    clearHold();
    event.stopPropagation();
    if (state.held) {
      state.held = false;
      return;
    }
    if (hasAction(state.target, 'double_tap')) {
      if (state.tapTimer) {
        clearTimeout(state.tapTimer);
        state.tapTimer = undefined;
        fireAction(element, state.target, 'double_tap');
        return;
      }
      state.tapTimer = setTimeout(() => {
        state.tapTimer = undefined;
        if (hasAction(state.target, 'tap')) fireAction(element, state.target, 'tap');
      }, DOUBLE_TAP_MS);
      return;
    }
    if (hasAction(state.target, 'tap')) fireAction(element, state.target, 'tap');
  });
  element.addEventListener('keydown', (event) => {
    if ((event.key === 'Enter' || event.key === ' ') && hasAction(state.target, 'tap')) {
      event.preventDefault();
      fireAction(element, state.target, 'tap');
    }
  });
  // Text selection and the context menu would fight a hold on touch screens.
  element.addEventListener('contextmenu', (event) => {
    if (hasAction(state.target, 'hold')) event.preventDefault();
  });
  bound.set(element, state);
  return state;
}

class ActionHandlerDirective extends Directive {
  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('actionHandler belongs on an element');
  }

  render(_target: ActionTarget) {
    return noChange;
  }

  override update(part: ElementPart, [target]: [ActionTarget]) {
    const element = part.element as HTMLElement;
    const state = bound.get(element) ?? attach(element);
    state.target = target;
    // Reachable and announced as a button only when a tap does something.
    if (hasAction(target, 'tap') || hasAction(target, 'hold')) {
      element.setAttribute('role', element.getAttribute('role') ?? 'button');
      element.tabIndex = 0;
      element.classList.add('actionable');
    } else {
      element.removeAttribute('tabindex');
      element.classList.remove('actionable');
    }
    return noChange;
  }
}

/** `<div ${actionHandler({ entity, tap_action, hold_action })}>`: tap, hold, double tap and keyboard. */
export const actionHandler = directive(ActionHandlerDirective);
