/**
 * The look every HA Vitals card shares, so the cards read as one family on a dashboard. A card
 * lists it first (`static styles = [cardStyles, css`…`]`) and overrides what it does differently.
 * Colours are Home Assistant's theme variables, with the default theme's values for a card shown
 * outside Home Assistant (the card picker's preview before the theme applies, tests); the status
 * colours are named once here (`--vitals-error`, `-warning`, `-info`, `-ok`) for every card.
 */
import { css } from 'lit';

export const cardStyles = css`
  :host {
    display: block;
    --vitals-error: var(--error-color, #db4437);
    --vitals-warning: var(--warning-color, #ffa600);
    --vitals-info: var(--info-color, #039be5);
    --vitals-ok: var(--success-color, #43a047);
  }
  ha-card {
    height: 100%;
    box-sizing: border-box;
    padding: 12px 16px;
    overflow: hidden;
    color: var(--primary-text-color, #212121);
  }
  .header {
    display: flex;
    align-items: baseline;
    justify-content: space-between;
    gap: 8px;
  }
  .title {
    margin: 0;
    font-size: 16px;
    font-weight: 500;
    color: var(--primary-text-color, #212121);
  }
  .section {
    margin: 12px 0 4px;
    font-size: 14px;
    font-weight: 500;
    color: var(--secondary-text-color, #727272);
  }
  .status {
    color: var(--vitals-warning);
    font-size: 12px;
  }
  .banner,
  .notice {
    padding: 6px 8px;
    border-radius: 4px;
    background: var(--secondary-background-color, rgba(127, 127, 127, 0.12));
    font-size: 13px;
  }
  ul,
  ol {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  button:focus-visible {
    outline: 2px solid var(--primary-color, #03a9f4);
    outline-offset: 1px;
  }
  .spark path,
  .sparkline path {
    fill: none;
    stroke: var(--accent-color, var(--primary-color, #03a9f4));
    stroke-width: 1.5;
    vector-effect: non-scaling-stroke;
    stroke-linejoin: round;
  }
  .forecast {
    color: var(--secondary-text-color, #727272);
  }
  .forecast.warning {
    color: var(--vitals-warning);
  }
  .forecast.error {
    color: var(--vitals-error);
  }
  .sr {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;

/** Cards that list items under their title (alerts, overview): the list scrolls, banners sit tight. */
export const listCardStyles = css`
  ha-card {
    overflow: auto;
  }
  .title {
    margin: 0 0 8px;
  }
  .banner {
    margin: 0 0 8px;
    border-radius: 6px;
  }
`;
