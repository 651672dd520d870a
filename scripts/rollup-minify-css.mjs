// Squeezes the whitespace and comments out of Lit `css`…`` literals before bundling: terser keeps
// template text as written, and the cards' indented stylesheets are a few hundred bytes of the main
// bundle's gzipped budget. Conservative on purpose: whitespace before a colon is kept (it is a
// descendant combinator in `.row :focus`), `${…}` interpolations are left as they are.
const CSS_LITERAL = /\bcss`([^`]*)`/g;

export function minifyCss(text) {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}')
    .trim();
}

/** Minifies the text parts of one template literal's body, leaving `${…}` parts untouched. */
export function minifyCssLiteralBody(body) {
  return body
    .split(/(\$\{[^}]*\})/)
    .map((part, i) => (i % 2 === 1 ? part : minifyCss(part)))
    .join('');
}

export default function minifyCssLiterals() {
  return {
    name: 'minify-css-literals',
    transform(code, id) {
      if (!/\.ts$/.test(id) || !code.includes('css`')) return null;
      const out = code.replace(CSS_LITERAL, (_m, body) => `css\`${minifyCssLiteralBody(body)}\``);
      return out === code ? null : { code: out, map: null };
    },
  };
}
