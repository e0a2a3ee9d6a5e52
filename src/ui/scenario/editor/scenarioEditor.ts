/**
 * The scenario's code editor: CodeMirror 6 with JSON, completion and hover from the published
 * JSON Schema, and lint from the CLI's validator. Loaded with a dynamic import only when the
 * Scenario view opens, because codemirror-json-schema and its markdown renderer are large.
 */
import { EditorView, basicSetup } from 'codemirror';
import { Annotation } from '@codemirror/state';
import { json, jsonLanguage } from '@codemirror/lang-json';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { linter, lintGutter } from '@codemirror/lint';
import { hoverTooltip } from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { jsonCompletion, jsonSchemaHover, stateExtensions } from 'codemirror-json-schema';
import publishedSchema from '../../../../scenarios/scenario.schema.json';
import type { TextRange } from '../jsonLocator.ts';
import { scenarioDiagnostics } from './scenarioLinter.ts';

export interface ScenarioEditor {
  /** Shows `text` (from a bundled pick, the form or an import) without echoing it back. */
  setText(text: string): void;
  /** Selects a range, scrolls it into view and focuses the editor. */
  reveal(range: TextRange): void;
  destroy(): void;
}

export interface ScenarioEditorOptions {
  readonly parent: HTMLElement;
  readonly text: string;
  /** Id of the element that names the editor for assistive technology. */
  readonly labelledBy: string;
  readonly describedBy?: string;
  readonly onChange: (text: string) => void;
}

const fromOutside = Annotation.define<boolean>();

// Completion and hover only read the schema; its draft URI is dropped so nothing tries to fetch it.
// A JSON import's type widens every "type": "object" to string, so it is not a JSONSchema7 to
// TypeScript; the file is the schema z.toJSONSchema wrote (npm run schema).
type EditorSchema = NonNullable<Parameters<typeof stateExtensions>[0]>;
const { $schema: _draft, ...schema } = publishedSchema as unknown as EditorSchema;

// The default theme's gutter and lint colours are too faint for WCAG AA contrast on white; the
// app's tokens (src/ui/style/theme.css) meet it in the light and the dark theme.
const readableTheme = EditorView.theme({
  '&': {
    fontSize: 'var(--text-sm)',
    border: '1px solid var(--color-border)',
    backgroundColor: 'var(--color-surface-raised)',
    color: 'var(--color-text)',
  },
  // One focus ring, on the whole editor (the page's :focus-visible rule would add a second).
  '&.cm-focused': { outline: '3px solid var(--color-focus)', outlineOffset: '2px' },
  '.cm-content:focus-visible': { outline: 'none' },
  '.cm-scroller': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' },
  '.cm-gutters': {
    backgroundColor: 'var(--color-surface)',
    color: 'var(--color-text-muted)',
    borderRight: '1px solid var(--color-border-subtle)',
  },
  '.cm-activeLineGutter': {
    backgroundColor: 'var(--color-accent-surface)',
    color: 'var(--color-text)',
  },
  '.cm-tooltip': {
    maxWidth: '32rem',
    backgroundColor: 'var(--color-surface-raised)',
    color: 'var(--color-text)',
    border: '1px solid var(--color-border)',
  },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--color-text)' },
  '.cm-activeLine': { backgroundColor: 'var(--color-surface)' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground':
    { backgroundColor: 'var(--color-accent-surface)' },
  '.cm-diagnostic-error': { borderLeftColor: 'var(--color-danger)' },
  '.cm-lintRange-error': { backgroundColor: 'var(--color-danger-surface)' },
});

/**
 * JSON's colours from the app's tokens (CodeMirror's default highlight style is for a light
 * background only): each is an AA text colour on the editor's background in both themes.
 */
const tokenHighlight = syntaxHighlighting(
  HighlightStyle.define([
    { tag: tags.propertyName, color: 'var(--color-accent-strong)' },
    { tag: tags.string, color: 'var(--color-success)' },
    { tag: [tags.number, tags.bool, tags.null], color: 'var(--color-warning)' },
    { tag: tags.invalid, color: 'var(--color-danger)' },
  ]),
);

export function createScenarioEditor(options: ScenarioEditorOptions): ScenarioEditor {
  const view = new EditorView({
    parent: options.parent,
    doc: options.text,
    extensions: [
      basicSetup,
      json(),
      linter(scenarioDiagnostics, { delay: 300 }),
      lintGutter(),
      jsonLanguage.data.of({ autocomplete: jsonCompletion() }),
      hoverTooltip(jsonSchemaHover()),
      stateExtensions(schema),
      readableTheme,
      tokenHighlight,
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({
        'aria-labelledby': options.labelledBy,
        ...(options.describedBy ? { 'aria-describedby': options.describedBy } : {}),
      }),
      EditorView.updateListener.of((update) => {
        if (!update.docChanged) return;
        if (update.transactions.some((t) => t.annotation(fromOutside))) return;
        options.onChange(update.state.doc.toString());
      }),
    ],
  });

  return {
    setText(text) {
      const current = view.state.doc.toString();
      if (text === current) return;
      // Replace only the part that differs, so the cursor and scroll stay put for small edits.
      let start = 0;
      const shorter = Math.min(text.length, current.length);
      while (start < shorter && text[start] === current[start]) start++;
      let end = 0;
      while (
        end < shorter - start &&
        text[text.length - 1 - end] === current[current.length - 1 - end]
      )
        end++;
      view.dispatch({
        changes: {
          from: start,
          to: current.length - end,
          insert: text.slice(start, text.length - end),
        },
        annotations: fromOutside.of(true),
      });
    },
    reveal(range) {
      view.dispatch({
        selection: { anchor: range.from, head: range.to },
        effects: EditorView.scrollIntoView(range.from, { y: 'center' }),
      });
      view.focus();
    },
    destroy() {
      view.destroy();
    },
  };
}
