// The build's css`` minifier: smaller text, same stylesheet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { minifyCss, minifyCssLiteralBody, minifyTemplates } from '../scripts/rollup-minify-css.mjs';

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

test('minifies nested html, svg and css templates but never the expressions between their parts', () => {
  // Arrange
  const source = [
    'const view = html`',
    '  <ul class="rows">',
    '    ${items.map((i) => html`',
    '      <li title=${`a  b\n  c`}>${i}</li>',
    '    `)}',
    '  </ul>`;',
    'const icon = svg`<path',
    '  d="M0 0"></path>`;',
    'const styles = css`',
    '  .a {',
    '    color: red;',
    '  }`;',
    'const plain = `keep\n   this`;',
  ].join('\n');
  // Act
  const out = minifyTemplates(source);
  // Assert
  assert.equal(
    out,
    [
      'const view = html` <ul class="rows"> ${items.map((i) => html` <li title=${`a  b\n  c`}>${i}</li> `)} </ul>`;',
      'const icon = svg`<path d="M0 0"></path>`;',
      'const styles = css`.a{color:red}`;',
      'const plain = `keep\n   this`;',
    ].join('\n'),
  );
});
