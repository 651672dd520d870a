/**
 * The overview's computation (insights and domain health), loaded lazily as its own chunk so the
 * main bundle carries only the card's shell.
 */
export { generateInsights } from '../../core/insights/insights';
export { domainHealth } from './model';
