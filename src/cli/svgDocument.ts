import { parseHTML } from 'linkedom';

/**
 * A DOM document for drawing SVG on the command line, where there is no page: linkedom's, passed
 * to Observable Plot as its `document` option ("The owner Document used to create DOM elements
 * … when using a virtual DOM library for server-side rendering in Node", Plot's PlotOptions in
 * @observablehq/plot's plot.d.ts).
 */
export function svgDocument(): Document {
  return parseHTML('<!doctype html><html><body></body></html>').document;
}
