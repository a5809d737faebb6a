import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';

export const TEMPLATES_DIR = fileURLToPath(new URL('./templates', import.meta.url));
const LAYOUT = '_layout';
const NAME = /^[a-z][a-z0-9_]*$/;

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** A template that does not exist, lacks a part, or was not given a variable it uses. */
export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateError';
  }
}

type Part = 'subject' | 'html' | 'text';
type Compiled = Record<Part, HandlebarsTemplateDelegate>;

export interface TemplateRenderer {
  render(name: string, variables: Record<string, unknown>): RenderedEmail;
  has(name: string): boolean;
  names(): string[];
}

// Strict: a variable the template uses but was not given throws instead of rendering blank.
// knownHelpersOnly: templates cannot call anything but the built-in block helpers.
const hb = Handlebars.create();
const compileOptions = { strict: true, knownHelpersOnly: true } as const;

function compilePart(dir: string, name: string, part: Part): HandlebarsTemplateDelegate {
  const file = path.join(dir, name, `${part}.hbs`);
  if (!existsSync(file)) throw new TemplateError(`Email template "${name}" has no ${part}.hbs`);
  const source = readFileSync(file, 'utf8');
  // Only the HTML part escapes values; the subject and the text part are not HTML.
  return hb.compile(part === 'subject' ? source.trim() : source, { ...compileOptions, noEscape: part !== 'html' });
}

function run(template: HandlebarsTemplateDelegate, context: Record<string, unknown>, where: string): string {
  try {
    return template(context);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const missing = /"([^"]+)" not defined/.exec(message);
    if (missing) throw new TemplateError(`Email template ${where} needs the variable "${missing[1]}", which was not given`);
    throw new TemplateError(`Email template ${where} could not be rendered: ${message}`);
  }
}

/** Loads templates from `directory` (one folder per template) once, and renders them in the shared layout. */
export function createTemplateRenderer(options: { productName: string; directory?: string }): TemplateRenderer {
  const dir = options.directory ?? TEMPLATES_DIR;
  const cache = new Map<string, Compiled>();
  const layout = { html: compilePart(dir, LAYOUT, 'html'), text: compilePart(dir, LAYOUT, 'text') };

  const has = (name: string) => NAME.test(name) && existsSync(path.join(dir, name, 'subject.hbs'));

  function load(name: string): Compiled {
    let compiled = cache.get(name);
    if (!compiled) {
      if (!has(name)) throw new TemplateError(`There is no email template "${name}"`);
      compiled = { subject: compilePart(dir, name, 'subject'), html: compilePart(dir, name, 'html'), text: compilePart(dir, name, 'text') };
      cache.set(name, compiled);
    }
    return compiled;
  }

  return {
    has,
    names: () =>
      readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isDirectory() && has(e.name))
        .map((e) => e.name)
        .sort(),
    render(name, variables) {
      const parts = load(name);
      // An undefined value counts as not given (strict mode alone would render it blank). The
      // product name comes from configuration; a caller cannot override it.
      const given = Object.entries(variables).filter(([, value]) => value !== undefined);
      const context = { ...Object.fromEntries(given), product_name: options.productName };
      const subject = run(parts.subject, context, `${name}/subject.hbs`).replace(/\s+/g, ' ').trim();
      const htmlBody = run(parts.html, context, `${name}/html.hbs`);
      const textBody = run(parts.text, context, `${name}/text.hbs`).trim();
      const frame = { subject, product_name: options.productName };
      return {
        subject,
        html: run(layout.html, { ...frame, body: htmlBody }, `${LAYOUT}/html.hbs`),
        text: `${run(layout.text, { ...frame, body: textBody }, `${LAYOUT}/text.hbs`).trim()}\n`,
      };
    },
  };
}

const renderers = new Map<string, TemplateRenderer>();

/** Renders a shipped template: `(template, variables) -> { subject, text, html }`. */
export function renderTemplate(name: string, variables: Record<string, unknown>, options: { productName?: string } = {}): RenderedEmail {
  const productName = options.productName ?? 'TRITIQ ERP';
  let renderer = renderers.get(productName);
  if (!renderer) {
    renderer = createTemplateRenderer({ productName });
    renderers.set(productName, renderer);
  }
  return renderer.render(name, variables);
}
