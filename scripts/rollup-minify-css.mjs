// Squeezes whitespace out of Lit's tagged templates before bundling: terser keeps template text
// as written, and the cards' indented markup and stylesheets are kilobytes of the gzipped budget.
// The templates are found with TypeScript's parser (they nest: html`…${x ? html`…` : ''}…`), and
// only their literal text changes, never the `${…}` expressions.
//  - css`…`: comments and whitespace go; whitespace before a colon stays (it is a descendant
//    combinator in `.row :focus`).
//  - html`…` / svg`…`: a run of whitespace that holds a line break becomes one space, which is
//    how HTML renders it anyway (no template uses <pre> or `white-space: pre`).
import ts from 'typescript';

export function minifyCss(text) {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}')
    .trim();
}

export function collapseMarkup(text) {
  return text.replace(/\s*\n\s*/g, ' ');
}

/** Minifies the text parts of one template literal's body, leaving `${…}` parts untouched. */
export function minifyCssLiteralBody(body) {
  return body
    .split(/(\$\{[^}]*\})/)
    .map((part, i) => (i % 2 === 1 ? part : minifyCss(part)))
    .join('');
}

const MINIFIERS = { css: minifyCss, html: collapseMarkup, svg: collapseMarkup };

/** The source with every css/html/svg template's literal text minified. */
export function minifyTemplates(code, fileName = 'x.ts') {
  const source = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const edits = [];
  const visit = (node) => {
    if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && MINIFIERS[node.tag.text]) {
      const minify = MINIFIERS[node.tag.text];
      const template = node.template;
      // Literal pieces: their text sits between the backtick/`}` and the backtick/`${`.
      const pieces = ts.isNoSubstitutionTemplateLiteral(template) ? [template] : [template.head, ...template.templateSpans.map((s) => s.literal)];
      for (const piece of pieces) {
        const start = piece.getStart(source) + 1;
        const end = piece.getEnd() - (piece.kind === ts.SyntaxKind.TemplateHead || piece.kind === ts.SyntaxKind.TemplateMiddle ? 2 : 1);
        const raw = code.slice(start, end);
        const out = minify(raw);
        if (out !== raw) edits.push([start, end, out]);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  let out = code;
  for (const [start, end, text] of edits.sort((a, b) => b[0] - a[0])) out = out.slice(0, start) + text + out.slice(end);
  return out;
}

export default function minifyCssLiterals() {
  return {
    name: 'minify-lit-templates',
    transform(code, id) {
      if (!/\.ts$/.test(id) || !/\b(css|html|svg)`/.test(code)) return null;
      const out = minifyTemplates(code, id);
      return out === code ? null : { code: out, map: null };
    },
  };
}
