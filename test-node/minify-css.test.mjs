// The build's css`` minifier: smaller text, same stylesheet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { minifyCss, minifyCssLiteralBody } from '../scripts/rollup-minify-css.mjs';

test('drops comments and whitespace but keeps descendant combinators before pseudo-classes and values intact', () => {
  // Arrange
  const source = `
    /* the card */
    ha-card {
      padding: 16px;
      color: var(--primary-text-color, #212121);
    }
    .row :focus-visible,
    .row > .value {
      width: calc(100% - 8px);
      font: 500 1em / 1.2 Roboto, sans-serif;
    }
    @media (max-width: 400px) {
      .row { gap: 4px; }
    }
  `;
  // Act
  const out = minifyCss(source);
  // Assert
  assert.equal(
    out,
    'ha-card{padding:16px;color:var(--primary-text-color,#212121)}.row :focus-visible,.row > .value{width:calc(100% - 8px);font:500 1em / 1.2 Roboto,sans-serif}@media (max-width:400px){.row{gap:4px}}',
  );
});

test('leaves ${} interpolations of a literal untouched', () => {
  // Act
  const out = minifyCssLiteralBody('\n  ${Base.styles}\n  .a {\n    color: red;\n  }\n');
  // Assert
  assert.equal(out, '${Base.styles}.a{color:red}');
});
