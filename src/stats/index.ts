export { wilsonInterval, Z_95 } from './wilsonInterval.ts';
export { Proportion } from './proportion.ts';
export { IntegerMean } from './integerMean.ts';
export { MedianSketch, MEDIAN_BIN_MS } from './medianSketch.ts';
export type { Interval } from './wilsonInterval.ts';
export type { ProportionData } from './proportion.ts';
export type { IntegerMeanData } from './integerMean.ts';
export type { MedianSketchData } from './medianSketch.ts';
